/// "Safe for" presets: a charset whose passwords drop into a given context without quoting or escaping.
package enum SafeFor: String, CaseIterable, Sendable {
    /// RFC 3986 unreserved characters: safe in any URL or DSN part without percent-encoding.
    case url
    /// Characters POSIX sh, bash and zsh take literally in an unquoted word.
    case shell
    /// Characters a YAML plain scalar takes as text; the first character is always a letter.
    case yaml
    /// Characters an env file takes unquoted (docker `--env-file`, compose, dotenv, `set -a; . file`).
    case env
    /// What the mysql client, option files and mysql:// URLs take unescaped.
    case mysql
    /// What psql, libpq conninfo strings, .pgpass and postgres:// URLs take unescaped.
    case postgres

    private static let alphanumerics = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)

    /// The punctuation the preset allows besides letters and digits.
    package var symbols: String {
        switch self {
        // RFC 3986 section 2.3 unreserved.
        case .url: "-._~"
        // Not special to sh/bash/zsh anywhere in a word; `~` (tilde expansion) and `=` (zsh) left out.
        case .shell: "-._,:@%+/"
        // Never an indicator inside a plain scalar; the leading letter rules out numbers, `~` and `-`.
        case .yaml: "-._/+="
        // Literal in every env-file reader named above and when sourced by sh (same as shell, minus `%`).
        case .env: "-._,:@+/"
        // Survives URLs, option files (`#`, `;`, quotes excluded), and shell words; `~` left out for `-p~…`.
        case .mysql: "-._"
        // Survives URLs, conninfo (`'`, `\`, space excluded) and .pgpass (`:` and `\` excluded).
        case .postgres: "-._"
        }
    }

    /// Every character the preset may draw.
    package var charset: [UInt8] { Self.alphanumerics + Array(symbols.utf8) }

    /// Whether the first character must be a letter (YAML would read `1e5`, `0x1f` or `.nan` as numbers).
    package var requiresLeadingLetter: Bool { self == .yaml }

    /// Shortest length the preset allows (YAML: six rules out `true`, `false`, `null`, `yes`, `on`…).
    package var minimumLength: Int { self == .yaml ? 6 : 1 }
}
