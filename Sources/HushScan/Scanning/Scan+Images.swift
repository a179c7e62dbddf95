extension Scan {
    /// Every finding in an image layer at every place the layer has: the same file in each image
    /// that shares the layer, each place with the later layer that hides it (`LayerFate`). The
    /// first place stays first in report order; fingerprints do not change (they hash the path
    /// inside the image, not the image).
    static func placeInImages(_ findings: [Finding], listings: [ImageListing]) -> [Finding] {
        findings.map { finding in
            let places = finding.locations.isEmpty ? [finding.location] : finding.locations
            var expanded: [FindingLocation] = []
            var seen = Set<Origin>()
            for place in places {
                let resolved = listings.lazy.compactMap { $0.places(of: place.origin.provenance) }.first ?? [place.origin.provenance]
                for provenance in resolved {
                    var moved = place
                    moved.origin.provenance = provenance
                    if seen.insert(moved.origin).inserted { expanded.append(moved) }
                }
            }
            expanded.sort { Origin.reportOrder($0.origin, $1.origin) }
            var placed = finding
            if let first = expanded.first {
                placed.origin = first.origin
                placed.start = first.start
                placed.end = first.end
                placed.fingerprint = first.fingerprint
            }
            placed.locations = expanded.count > 1 ? expanded : []
            return placed
        }
    }
}
