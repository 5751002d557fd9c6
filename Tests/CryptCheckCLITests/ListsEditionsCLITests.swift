import Foundation
import TestSupport
import Testing

/// Issue 12 in `cryptcheck lists` and `--list`: the editions, how to pin them, the absences and
/// GL-3001's suite classes, as a user sees them.
@Suite("lists: editions, absences and suite classes")
struct ListsEditionsCLITests {
    @Test func theOverviewShowsHowToPinEachEditionAndWhatASeriesMeans() throws {
        let overview = try CLI.run(["lists", "--as-of", "2024-06-01"])
        #expect(overview.status == 0)
        for pin in ["LS-0001-2012R0", "LS-0001-2012R8", "LS-0001-2022R0", "LS-0001-2022R2", "GL-3001-3.0.1"] {
            #expect(overview.stdout.contains(pin), "\(pin)")
        }
        #expect(overview.stdout.contains("--list LS-0001-2022 -> LS-0001-2022 (pin: LS-0001-2022R0)"))
        #expect(overview.stdout.contains("--list LS-0001-2012 -> LS-0001-2012R8"))
        let later = try CLI.run(["lists", "--as-of", "2026-03-30"])
        #expect(later.stdout.contains("--list LS-0001-2022 -> LS-0001-2022R2"))
    }

    @Test func showResolvesASeriesOnTheDayAndPinsEitherEdition() throws {
        let first = try CLI.run(["lists", "show", "LS-0001-2022", "--as-of", "2026-03-29"])
        #expect(first.stdout.hasPrefix("LS-0001-2022: CRYPTREC Ciphers List (2022 edition)\n"))
        #expect(first.stdout.contains("pin it with --list LS-0001-2022R0"))
        #expect(!first.stdout.contains("ML-KEM-768"))
        let r2 = try CLI.run(["lists", "show", "LS-0001-2022", "--as-of", "2026-03-30"])
        #expect(r2.stdout.hasPrefix("LS-0001-2022R2: "))
        #expect(try CLI.run(["lists", "show", "LS-0001-2022R0"]).stdout.hasPrefix("LS-0001-2022: "))
        // R2's post-quantum signature entries and the absences, each with its evidence.
        #expect(r2.stdout.contains("ML-DSA") && r2.stdout.contains("6 post-quantum"))
        #expect(r2.stdout.contains("128-bit RC4 [rc4] [unconfirmed] open: Was 128-bit RC4 removed"))
        #expect(r2.stdout.contains("RIPEMD-160 [ripemd-160] [unconfirmed]"))
        let none = try CLI.run(["lists", "show", "LS-0001-2022", "--as-of", "2023-03-29"])
        #expect(none.status != 0 && none.stderr.contains("no revision of LS-0001-2022 was in force on 2023-03-29"))
    }

    @Test func showListsTheGuidelinesSuiteClassesPerProfile() throws {
        let text = try CLI.run(["lists", "show", "GL-3001"]).stdout
        #expect(text.components(separatedBy: "suites prohibited (利用禁止: fails the profile):").count == 4)
        #expect(text.contains("RC4 [secondary, derived] v3 prohibits RC4 (RFC 7465)"))
        #expect(text.contains("TLS 1.3 ChaCha20-Poly1305 [secondary, derived]"))
        #expect(text.contains("RSA key transport AES/Camellia"))
        #expect(text.contains("suites in neither class: a should-level advisory"))
        #expect(text.contains("certificate-keys [unconfirmed, derived]"))
    }

    @Test func diffShowsTheEvidenceOfAnAbsence() throws {
        let diff = try CLI.run(["lists", "diff", "LS-0001-2012R0", "LS-0001-2022R0"])
        #expect(diff.status == 0)
        #expect(
            diff.stdout.contains("- 128-bit RC4 [rc4]: was monitored (stream-cipher); now not listed; evidence of the absence unconfirmed"))
        #expect(diff.stdout.contains("Recorded absences"))
        let editions = try CLI.run(["lists", "diff", "LS-0001-2022R0", "LS-0001-2022R2"]).stdout
        #expect(editions.contains("+ ML-KEM-768") && editions.contains("+ ML-DSA") && !editions.contains("Removed"))
    }

    @Test func evaluateJudgesByThePinnedOrInForceEdition() throws {
        let demo = "Fixtures/observations/demo.json"
        let pinned = try CLI.run(["evaluate", demo, "--as-of", "2026-11-30", "--list", "LS-0001-2022R0", "--format", "json"])
        #expect(pinned.stdout.contains("\"list\" : \"LS-0001-2022\""))
        #expect(!pinned.stdout.contains("\"list\" : \"LS-0001-2022R2\""))
        let inForce = try CLI.run(["evaluate", demo, "--as-of", "2024-01-01", "--list", "LS-0001-2022"])
        #expect(inForce.stdout.contains("LS-0001-2022  CRYPTREC Ciphers List (2022 edition) (2023-03-30"))
        let tooEarly = try CLI.run(["evaluate", demo, "--as-of", "2020-01-01", "--list", "LS-0001-2022"])
        #expect(tooEarly.status == 64 && tooEarly.stderr.contains("no revision of LS-0001-2022 was in force on 2020-01-01"))
    }
}
