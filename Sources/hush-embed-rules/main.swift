// Writes a Swift file holding the text of each rule file given, for the EmbedRules build plugin.
// Usage: hush-embed-rules OUTPUT.swift RULES.yaml...
import Foundation

func swiftLiteral(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\\": out += "\\\\"
        case "\"": out += "\\\""
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case _ where scalar.value < 0x20 || scalar.value > 0x7E:
            out += "\\u{\(String(scalar.value, radix: 16))}"
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: hush-embed-rules OUTPUT.swift RULES.yaml...\n".utf8))
    exit(2)
}
var source = "// Generated from patterns/ by hush-embed-rules. Do not edit.\n"
source += "/// The text of every built-in rule file, by file name.\n"
source += "enum BuiltinRuleFiles {\n    static let all: [(name: String, yaml: String)] = [\n"
for path in arguments.dropFirst(2) {
    do {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let name = URL(fileURLWithPath: path).lastPathComponent
        source += "        (\(swiftLiteral(name)), \(swiftLiteral(text))),\n"
    } catch {
        FileHandle.standardError.write(Data("hush-embed-rules: cannot read \(path): \(error)\n".utf8))
        exit(1)
    }
}
source += "    ]\n}\n"
do {
    let url = URL(fileURLWithPath: arguments[1])
    if (try? String(contentsOf: url, encoding: .utf8)) != source {
        try source.write(to: url, atomically: true, encoding: .utf8)
    }
} catch {
    FileHandle.standardError.write(Data("hush-embed-rules: cannot write \(arguments[1]): \(error)\n".utf8))
    exit(1)
}
