import ArgumentParser
import HushScan

// How `hush scan`'s option values are parsed from the command line, and completed by shells.

extension ReportFormat: ExpressibleByArgument {}

extension Rule.Confidence: ExpressibleByArgument {
    public static var allValueStrings: [String] { ["low", "medium", "high"] }
}

extension Rule.Kind: ExpressibleByArgument {
    public static var allValueStrings: [String] { ["secret", "hygiene"] }
}

extension ByteSize: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(parsing: argument)
    }
}
