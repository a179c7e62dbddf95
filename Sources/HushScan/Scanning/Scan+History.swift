/// What the history stage learnt about the places of history findings.
struct HistoryPlaces: Sendable {
    var commits: [String: GitCommit] = [:]
    /// Places whose blob is the one HEAD has at that path.
    var head: Set<Provenance> = []
    var errors: [PathError] = []
}

extension Scan {
    /// Gives each scanned history blob with findings the places that introduced it: one copy per
    /// (introducing commit, path), so `place` lists them all as locations of one finding.
    /// A blob met in several repositories (a fork and its upstream, side by side) was scanned
    /// once: each repository is asked about it.
    func attribute(_ blobs: [ScannedBlob], in repositories: [GitRepository], registry: BlobRegistry) -> ([ScannedBlob], HistoryPlaces) {
        var history = HistoryPlaces()
        var byName: [String: GitRepository] = [:]
        for repository in repositories where byName[repository.displayPath] == nil { byName[repository.displayPath] = repository }
        func repositoryNames(of blob: ScannedBlob) -> [String] {
            guard case .gitBlob(let name, _, _) = blob.provenance, let id = blob.id else { return [] }
            var names = [name]
            for place in registry.duplicates(of: id) {
                if case .gitBlob(let other, _, _) = place, !names.contains(other) { names.append(other) }
            }
            return names
        }
        var wanted: [String: Set<String>] = [:]
        for blob in blobs {
            guard let id = blob.id else { continue }
            for name in repositoryNames(of: blob) { wanted[name, default: []].insert(id.hex) }
        }
        var answers: [String: GitAttribution.Answer] = [:]
        for (name, oids) in wanted.sorted(by: { $0.key < $1.key }) {
            guard let repository = byName[name] else { continue }
            do {
                let answer = try GitAttribution.attribute(oids, in: repository, options: options.history)
                history.commits.merge(answer.commits) { first, _ in first }
                answers[name] = answer
            } catch {
                history.errors.append(PathError(
                    provenance: .gitBlob(repository: name, commit: "", path: name),
                    reason: "the commits that introduced history findings could not be found: \(error)"))
            }
        }
        var placed: [ScannedBlob] = []
        for blob in blobs {
            var copies: [ScannedBlob] = []
            if let id = blob.id {
                for name in repositoryNames(of: blob) {
                    guard let answer = answers[name], let repository = byName[name],
                          let introductions = answer.introductions[id.hex] else { continue }
                    for introduction in introductions {
                        let provenance = Provenance.gitBlob(repository: name, commit: introduction.commit, path: repository.display(introduction.path))
                        var copy = blob
                        copy.provenance = provenance
                        copy.findings = blob.findings.map { $0.moved(to: provenance) }
                        if answer.head.contains(introduction.path + "\u{0}" + id.hex) { history.head.insert(provenance) }
                        copies.append(copy)
                    }
                }
            }
            placed += copies.isEmpty ? [blob] : copies
        }
        return (placed, history)
    }

    /// One finding per secret per path in a repository: the working-tree file and every blob
    /// version of that path that holds it become one finding (equal fingerprints), its first place
    /// the oldest commit that introduced it, with `presentAtHead` saying whether HEAD or the
    /// working tree still has it.
    static func mergeHistory(_ findings: [Finding], history: HistoryPlaces) -> [Finding] {
        func isHistory(_ place: FindingLocation) -> Bool { place.origin.provenance.commit != nil }
        var historyFingerprints: Set<String> = []
        for finding in findings where (finding.locations.isEmpty ? [finding.location] : finding.locations).contains(where: isHistory) {
            historyFingerprints.insert(finding.fingerprint)
        }
        var merged: [Finding] = []
        var groups: [String: [Finding]] = [:]
        for finding in findings {
            if historyFingerprints.contains(finding.fingerprint) { groups[finding.fingerprint, default: []].append(finding) } else { merged.append(finding) }
        }
        func order(_ a: FindingLocation, _ b: FindingLocation) -> Bool {
            let aCommit = a.origin.provenance.commit.flatMap { history.commits[$0] }
            let bCommit = b.origin.provenance.commit.flatMap { history.commits[$0] }
            switch (aCommit, bCommit) {
            case let (x?, y?) where x.timestamp != y.timestamp: return x.timestamp < y.timestamp
            case (_?, nil): return true
            case (nil, _?): return false
            default:
                if a.origin != b.origin { return Origin.reportOrder(a.origin, b.origin) }
                return a.start < b.start
            }
        }
        for (_, members) in groups {
            var places: [FindingLocation] = []
            var seen: Set<FindingLocation> = []
            var owner: [FindingLocation: Int] = [:]
            for (index, member) in members.enumerated() {
                for place in member.locations.isEmpty ? [member.location] : member.locations where seen.insert(place).inserted {
                    places.append(place)
                    owner[place] = index
                }
            }
            places.sort(by: order)
            let first = places[0]
            var finding = members[owner[first] ?? 0]
            finding.origin = first.origin
            finding.start = first.start
            finding.end = first.end
            finding.fingerprint = first.fingerprint
            finding.locations = places.count > 1 ? places : []
            finding.presentAtHead = places.contains { place in
                place.origin.provenance.commit == nil || history.head.contains(place.origin.provenance)
            }
            merged.append(finding)
        }
        return merged
    }
}
