import CryptCheckModel
import Foundation

/// Turns observations into findings. Pure: same observations and policies, same evaluation.
package enum Evaluator {
    /// Judges every TLS endpoint, SSH endpoint, file and unscanned target, in that order, against
    /// each policy.
    package static func evaluate(_ observations: ObservationSet, policies: [Policy]) -> Evaluation {
        var builder = EvaluationBuilder(policies: policies)
        builder.sslv2Index = SSLv2Index(observations.endpoints)
        var findings: [Finding] = []
        var profiles: [ProfileResult] = []
        for endpoint in observations.endpoints {
            let result = builder.judge(endpoint)
            findings += result.findings
            profiles += result.profiles
        }
        for endpoint in observations.sshEndpoints { findings += builder.judge(endpoint) }
        for file in observations.files { findings += builder.judge(file) }
        for target in observations.unscanned { findings += builder.judge(target) }
        return builder.evaluation(findings: findings, profiles: profiles, unscanned: observations.unscanned)
    }
}
