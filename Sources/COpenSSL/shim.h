#ifndef CRYPTCHECK_COPENSSL_SHIM_H
#define CRYPTCHECK_COPENSSL_SHIM_H

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ct.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/ocsp.h>
#include <openssl/opensslv.h>
#include <openssl/params.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/provider.h>
#include <openssl/rand.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

// OpenSSL 3 spells these as macros, which Swift cannot import: wrap them.

static inline long cc_BIO_get_mem_data(BIO *bio, char **data) {
    return BIO_get_mem_data(bio, data);
}

static inline int cc_BIO_reset(BIO *bio) {
    return (int)BIO_reset(bio);
}

static inline int cc_sk_X509_num(const STACK_OF(X509) *stack) {
    return sk_X509_num(stack);
}

static inline X509 *cc_sk_X509_value(const STACK_OF(X509) *stack, int index) {
    return sk_X509_value(stack, index);
}

static inline STACK_OF(X509) *cc_sk_X509_new_null(void) {
    return sk_X509_new_null();
}

static inline int cc_sk_X509_push(STACK_OF(X509) *stack, X509 *certificate) {
    return sk_X509_push(stack, certificate);
}

static inline void cc_sk_X509_free(STACK_OF(X509) *stack) {
    sk_X509_free(stack);
}

static inline void cc_sk_X509_pop_free(STACK_OF(X509) *stack) {
    sk_X509_pop_free(stack, X509_free);
}

static inline int cc_SSL_CTX_set_min_proto_version(SSL_CTX *ctx, int version) {
    return (int)SSL_CTX_set_min_proto_version(ctx, version);
}

static inline int cc_SSL_CTX_set_max_proto_version(SSL_CTX *ctx, int version) {
    return (int)SSL_CTX_set_max_proto_version(ctx, version);
}

static inline int cc_SSL_set_tlsext_host_name(SSL *ssl, const char *name) {
    return (int)SSL_set_tlsext_host_name(ssl, name);
}

static inline int cc_SSL_set1_sigalgs_list(SSL *ssl, const char *list) {
    return (int)SSL_set1_sigalgs_list(ssl, list);
}

static inline void cc_sk_X509_EXTENSION_pop_free(STACK_OF(X509_EXTENSION) *stack) {
    sk_X509_EXTENSION_pop_free(stack, X509_EXTENSION_free);
}

static inline int cc_EVP_PKEY_PUBLIC_KEY(void) {
    return EVP_PKEY_PUBLIC_KEY;
}

/* An EC public key from a group name and a SEC 1 point, or NULL. Built here so that the
 * OSSL_PARAM keys are the headers' string literals: from Swift, OSSL_PKEY_PARAM_* are
 * bridged strings whose pointers do not outlive the call that makes each parameter. */
static inline EVP_PKEY *cc_ec_public_key(const char *group, const unsigned char *point, size_t length) {
    EVP_PKEY_CTX *context = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL);
    if (context == NULL) return NULL;
    EVP_PKEY *key = NULL;
    OSSL_PARAM parameters[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, (char *)group, 0),
        OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY, (void *)point, length),
        OSSL_PARAM_construct_end(),
    };
    if (EVP_PKEY_fromdata_init(context) != 1 || EVP_PKEY_fromdata(context, &key, EVP_PKEY_PUBLIC_KEY, parameters) != 1) {
        key = NULL;
    }
    EVP_PKEY_CTX_free(context);
    return key;
}

static inline unsigned long cc_XN_FLAG_RFC2253(void) {
    return XN_FLAG_RFC2253;
}

// PKCS#12 opened step by step (PKCS12_parse runs every key derivation a file asks for, with no
// way to bound the work): the authenticated safe's parts, their bags, and the DER of each
// password-based algorithm identifier, so the caller can price a derivation before running it.

static inline int cc_sk_PKCS7_num(const STACK_OF(PKCS7) *stack) {
    return sk_PKCS7_num(stack);
}

static inline PKCS7 *cc_sk_PKCS7_value(const STACK_OF(PKCS7) *stack, int index) {
    return sk_PKCS7_value(stack, index);
}

static inline void cc_sk_PKCS7_pop_free(STACK_OF(PKCS7) *stack) {
    sk_PKCS7_pop_free(stack, PKCS7_free);
}

static inline int cc_sk_PKCS12_SAFEBAG_num(const STACK_OF(PKCS12_SAFEBAG) *stack) {
    return sk_PKCS12_SAFEBAG_num(stack);
}

static inline PKCS12_SAFEBAG *cc_sk_PKCS12_SAFEBAG_value(const STACK_OF(PKCS12_SAFEBAG) *stack, int index) {
    return sk_PKCS12_SAFEBAG_value(stack, index);
}

static inline void cc_sk_PKCS12_SAFEBAG_pop_free(STACK_OF(PKCS12_SAFEBAG) *stack) {
    sk_PKCS12_SAFEBAG_pop_free(stack, PKCS12_SAFEBAG_free);
}

/// The content type of a ContentInfo (NID_pkcs7_data, NID_pkcs7_encrypted, ...).
static inline int cc_PKCS7_type_nid(const PKCS7 *p7) {
    return p7 == NULL || p7->type == NULL ? NID_undef : OBJ_obj2nid(p7->type);
}

/// The DER of an encryptedData part's content-encryption algorithm, or -1.
static inline int cc_PKCS7_encrypted_algorithm_der(const PKCS7 *p7, unsigned char **out) {
    if (cc_PKCS7_type_nid(p7) != NID_pkcs7_encrypted || p7->d.encrypted == NULL
        || p7->d.encrypted->enc_data == NULL || p7->d.encrypted->enc_data->algorithm == NULL) return -1;
    return i2d_X509_ALGOR(p7->d.encrypted->enc_data->algorithm, out);
}

/// The DER of a shrouded key bag's encryption algorithm, or -1.
static inline int cc_PKCS12_SAFEBAG_shrouded_algorithm_der(const PKCS12_SAFEBAG *bag, unsigned char **out) {
    const X509_SIG *sig = PKCS12_SAFEBAG_get0_pkcs8(bag);
    if (sig == NULL) return -1;
    const X509_ALGOR *algorithm = NULL;
    X509_SIG_get0(sig, &algorithm, NULL);
    return algorithm == NULL ? -1 : i2d_X509_ALGOR(algorithm, out);
}

/// The MAC's iteration count (1 when the field is absent), or -1 when the file has no MAC or
/// the count does not fit a long.
static inline long cc_PKCS12_mac_iterations(const PKCS12 *p12) {
    if (!PKCS12_mac_present(p12)) return -1;
    const ASN1_INTEGER *iterations = NULL;
    PKCS12_get0_mac(NULL, NULL, NULL, &iterations, p12);
    if (iterations == NULL) return 1;
    int64_t value = 0;
    if (!ASN1_INTEGER_get_int64(&value, iterations) || value < 0 || value > 0x7FFFFFFFFFFFLL) return -2;
    return (long)value;
}

// The options a client needs to renegotiate with any server (ClientRenegotiation), and the
// RSA key type and padding mode of raw encryption (RSAPublicEncryption): macros built of macros.
static inline uint64_t cc_renegotiation_options(void) {
    return SSL_OP_LEGACY_SERVER_CONNECT | SSL_OP_ALLOW_UNSAFE_LEGACY_RENEGOTIATION;
}

// SSL_OP_NO_TICKET is a macro over SSL_OP_BIT: no session ticket asked for (resumption by ID).
static inline uint64_t cc_no_ticket_option(void) {
    return SSL_OP_NO_TICKET;
}

static inline uint64_t cc_no_encrypt_then_mac_option(void) {
    return SSL_OP_NO_ENCRYPT_THEN_MAC;
}

static inline unsigned long cc_EVP_CIPHER_mode(const EVP_CIPHER *cipher) {
    return EVP_CIPHER_get_mode(cipher);
}

static inline unsigned long cc_EVP_CIPH_CBC_MODE(void) {
    return EVP_CIPH_CBC_MODE;
}

static inline int cc_EVP_PKEY_RSA(void) {
    return EVP_PKEY_RSA;
}

static inline int cc_RSA_NO_PADDING(void) {
    return RSA_NO_PADDING;
}

// OCSP stapling and SCTs (certificate hygiene): macros over SSL_ctrl and typed stacks.
static inline long cc_SSL_request_ocsp_status(SSL *ssl) {
    return SSL_set_tlsext_status_type(ssl, TLSEXT_STATUSTYPE_ocsp);
}

static inline long cc_SSL_get_ocsp_response(SSL *ssl, const unsigned char **response) {
    return SSL_get_tlsext_status_ocsp_resp(ssl, response);
}

static inline int cc_sk_SCT_num(const STACK_OF(SCT) *stack) {
    return sk_SCT_num(stack);
}

static inline SCT *cc_sk_SCT_value(const STACK_OF(SCT) *stack, int index) {
    return sk_SCT_value(stack, index);
}

#endif
