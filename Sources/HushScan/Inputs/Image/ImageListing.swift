/// What a scan learned about the images it read, kept for after the scan: which images use each
/// layer, and what each layer holds. A layer shared by several images (a common base) is read
/// once; its findings are then placed in every image that has it, each with its own fate.
package struct ImageListing: Sendable {
    struct Image: Sendable {
        var name: String
        /// Each layer's digest, base first.
        var layers: [String]
    }

    var images: [Image] = []
    /// By layer digest.
    var layers: [String: LayerListing] = [:]

    /// Every place of an image layer entry this listing knows: the same file in each image that
    /// has the layer, each with the later layer that hides it. Nil for a place of another listing.
    func places(of provenance: Provenance) -> [Provenance]? {
        guard case .imageLayerEntry(let image, _, let digest, let path, _) = provenance,
              images.contains(where: { $0.name == image }) else { return nil }
        var places: [Provenance] = []
        for candidate in images {
            for (index, layer) in candidate.layers.enumerated() where layer == digest {
                places.append(.imageLayerEntry(
                    image: candidate.name, layerIndex: index, layerDigest: digest, path: path,
                    fate: fate(of: path, inLayer: index, of: candidate)))
            }
        }
        return places.isEmpty ? nil : places
    }

    /// The first layer above `index` that hides `path` (for a member of an archive in the layer,
    /// the archive's own path decides).
    private func fate(of path: String, inLayer index: Int, of image: Image) -> LayerFate? {
        let file = path.split(separator: "!", maxSplits: 1).first.map(String.init) ?? path
        for above in (index + 1)..<max(index + 1, image.layers.count) {
            if let cause = layers[image.layers[above]]?.hides(file) {
                return LayerFate(layerIndex: above, cause: cause)
            }
        }
        return nil
    }
}
