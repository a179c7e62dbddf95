/// The offline validators this folder adds, by the name a rule's `validate:` field uses. Each is a
/// pure function of the captured secret; register them next to the engine's checksum validators.
package enum TokenStructureValidators {
    /// Name → validator.
    package static let byName: [String: @Sendable (String) -> Validation] = [
        "pypi-macaroon": PyPITokenValidator.validate,
        "slack-token": SlackTokenValidator.validate,
        "aws-key-id": AWSKeyIDDecoder.validate,
        "stripe-key": StripeKeyValidator.validate,
        "gitlab-token": GitLabTokenValidator.validate,
        "jwt-claims": JWTClaimsReader.validate,
    ]

    /// The validators whose `.valid` decodes the whole token (a macaroon, JWT claims); the others
    /// check a layout, which look-alikes can share.
    package static let conclusive: Set<String> = ["pypi-macaroon", "jwt-claims"]
}
