/// The ids of the rules whose matches analyzers make (`detector: analyzer` in `patterns/`).
package enum AnalyzerRules {
    /// A value of a Secret's `data` or `stringData` under a key that names nothing, random enough
    /// to be a credential.
    static let secretData = "kubernetes-secret-data"
    /// Hygiene: a Secret manifest with real values, committed.
    static let secretManifest = "kubernetes-secret-manifest"
    /// Hygiene: a secret passed as a literal `env` value instead of `valueFrom.secretKeyRef`.
    static let envLiteral = "kubernetes-env-literal-secret"
    /// Hygiene: a secret-named `ARG` used by a build step of a stage that reaches the image, whose
    /// value the image history keeps.
    static let buildArg = "dockerfile-secret-build-arg"
    /// Hygiene: a secret-named `ENV` in a stage that reaches the image, whose value its config keeps.
    static let imageEnv = "dockerfile-secret-env"
    /// Hygiene: a file that is a secret by nature copied into a stage that reaches the image.
    static let secretFileCopy = "dockerfile-secret-file-copy"

    package static let ruleIDs: Set<String> = [secretData, secretManifest, envLiteral, buildArg, imageEnv, secretFileCopy]
}
