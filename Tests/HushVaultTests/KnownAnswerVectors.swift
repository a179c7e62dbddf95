/// Known-answer vectors, as data.
///
/// Argon2id: inputs from libsodium's test/default/pwhash_argon2id.c (`tv()` and `tv2()`, which call
/// `crypto_pwhash` with the default algorithm, Argon2id v1.3), expected outputs from the matching
/// test/default/pwhash_argon2id.exp. Vector 3 asks for 5 output bytes, below the 16-byte minimum:
/// libsodium's suite expects it to fail, and so do we.
///
/// XChaCha20-Poly1305: draft-irtf-cfrg-xchacha-03, appendix A.3.1 (the same key, plaintext and AD as
/// libsodium's test/default/aead_xchacha20poly1305.c).
enum KnownAnswerVectors {
    struct Argon2id {
        let passwordHex: String
        let passwordLength: Int
        let saltHex: String
        let outputLength: Int
        let opsLimit: UInt64
        let memLimit: UInt64
        /// nil: libsodium must refuse these parameters.
        let expectedHex: String?
    }

    static let argon2id: [Argon2id] = [
        Argon2id(
            passwordHex: "a347ae92bce9f80f6f595a4480fc9c2fe7e7d7148d371e9487d75f5c23008ffae0"
                + "65577a928febd9b1973a5a95073acdbeb6a030cfc0d79caa2dc5cd011cef02c08d"
                + "a232d76d52dfbca38ca8dcbd665b17d1665f7cf5fe59772ec909733b24de97d6f5"
                + "8d220b20c60d7c07ec1fd93c52c31020300c6c1facd77937a597c7a6",
            passwordLength: 127, saltHex: "5541fbc995d5c197ba290346d2c559dedf405cf97e5f95482143202f9e74f5c2",
            outputLength: 155, opsLimit: 5, memLimit: 7_256_678,
            expectedHex: "18acec5d6507739f203d1f5d9f1d862f7c2cdac4f19d2bdff64487e60d969e3ced615337b9eec6ac4461c6ca07f0939741e57c24d0005c7ea171a0ee1e7348249d135b38f222e4dad7b9a033ed83f5ca27277393e316582033c74affe2566a2bea47f91f0fd9fe49ece7e1f79f3ad6e9b23e0277c8ecc4b313225748dd2a80f5679534a0700e246a79a49b3f74eb89ec6205fe1eeb941c73b1fcf1"),
        Argon2id(
            passwordHex: "e125cee61c8cb7778d9e5ad0a6f5d978ce9f84de213a8556d9ffe202020ab4a6ed"
                + "9074a4eb3416f9b168f137510f3a30b70b96cbfa219ff99f6c6eaffb15c06b60e0"
                + "0cc2890277f0fd3c622115772f7048adaebed86e",
            passwordLength: 86, saltHex: "f1192dd5dc2368b9cd421338b22433455ee0a3699f9379a08b9650ea2c126f0d",
            outputLength: 250, opsLimit: 4, memLimit: 7_849_083,
            expectedHex: "26bab5f101560e48c711da4f05e81f5a3802b7a93d5155b9cab153069cc42b8e9f910bfead747652a0708d70e4de0bada37218bd203a1201c36b42f9a269b675b1f30cfc36f35a3030e9c7f57dfba0d341a974c1886f708c3e8297efbfe411bb9d51375264bd7c70d57a8a56fc9de2c1c97c08776803ec2cd0140bba8e61dc0f4ad3d3d1a89b4b710af81bfe35a0eea193e18a6da0f5ec05542c9eefc4584458e1da715611ba09617384748bd43b9bf1f3a6df4ecd091d0875e08d6e2fd8a5c7ce08904b5160cd38167b76ec76ef2d310049055a564da23d4ebd2b87e421cc33c401e12d5cd8d936c9baf75ebdfb557d342d2858fc781da31860"),
        Argon2id(
            passwordHex: "92263cbf6ac376499f68a4289d3bb59e5a22335eba63a32e6410249155b956b6a3"
                + "b48d4a44906b18b897127300b375b8f834f1ceffc70880a885f47c33876717e392"
                + "be57f7da3ae58da4fd1f43daa7e44bb82d3717af4319349c24cd31e46d295856b0"
                + "441b6b289992a11ced1cc3bf3011604590244a3eb737ff221129215e4e4347f491"
                + "5d41292b5173d196eb9add693be5319fdadc242906178bb6c0286c9b6ca6012746"
                + "711f58c8c392016b2fdfc09c64f0f6b6ab7b",
            passwordLength: 183, saltHex: "3b840e20e9555e9fb031c4ba1f1747ce25cc1d0ff664be676b9b4a90641ff194",
            outputLength: 249, opsLimit: 3, memLimit: 7_994_791,
            expectedHex: "6eb45e668582d63788ca8f6e930ca60b045a795fca987344f9a7a135aa3b5132b50a34a3864c26581f1f56dd0bcbfafbfa92cd9bff6b24a734cfe88f854aef4bda0a7983120f44936e8ff31d29728ac08ccce6f3f916b3c63962755c23a1fa9bb4e8823fc867bfd18f28980d94bc5874423ab7f96cc0ab78d8fa21fbd00cd3a1d96a73fa439ccc3fc4eab1590677b06cc78b0f674dfb680f23022fb902022dd8620803229c6ddf79a8156ccfce48bbd76c05ab670634f206e5b2e896230baa74a856964dbd8511acb71d75a1506766a125d8ce037f1db72086ebc3bccaefbd8cd9380167c2530386544ebfbeadbe237784d102bb92a10fd242"),
        Argon2id(
            passwordHex: "027b6d8e8c8c474e9b69c7d9ed4f9971e8e1ce2f6ba95048414c3970f0f09b70e3"
                + "b6c5ae05872b3d8678705b7d381829c351a5a9c88c233569b35d6b0b809df44b64"
                + "51a9c273f1150e2ef8a0b5437eb701e373474cd44b97ef0248ebce2ca0400e1b53"
                + "f3d86221eca3f18eb45b702b9172440f774a82cbf1f6f525df30a6e293c873cce6"
                + "9bb078ed1f0d31e7f9b8062409f37f19f8550aae",
            passwordLength: 152, saltHex: "eb2a3056a09ad2d7d7f975bcd707598f24cd32518cde3069f2e403b34bfee8a5",
            outputLength: 5, opsLimit: 4, memLimit: 1_397_645, expectedHex: nil),
        Argon2id(
            passwordHex: "4a857e2ee8aa9b6056f2424e84d24a72473378906ee04a46cb05311502d5250b82"
                + "ad86b83c8f20a23dbb74f6da60b0b6ecffd67134d45946ac8ebfb3064294bc097d"
                + "43ced68642bfb8bbbdd0f50b30118f5e",
            passwordLength: 82, saltHex: "39d82eef32010b8b79cc5ba88ed539fbaba741100f2edbeca7cc171ffeabf258",
            outputLength: 190, opsLimit: 3, memLimit: 1_432_947,
            expectedHex: "08d8cd330c57e1b4643241d05bb468ba4ee4e932cd0858816be9ef15360b27bbd06a87130ee92222be267a29b81f5ae8fe8613324cfc4832dc49387fd0602f1c57b4d0f3855db94fb7e12eb05f9a484aed4a4307abf586cd3d55c809bc081541e00b682772fb2066504ff935b8ebc551a2083882f874bc0fae68e56848ae34c91097c3bf0cca8e75c0797eef3efde3f75e005815018db3cf7c109a812264c4de69dcb22322dbbcfa447f5b00ecd1b04a7be1569c8e556adb7bba48adf81d"),
        Argon2id(
            passwordHex: "c7b09aec680e7b42fedd7fc792e78b2f6c1bea8f4a884320b648f81e8cf515e8ba"
                + "9dcfb11d43c4aae114c1734aa69ca82d44998365db9c93744fa28b63fd16000e82"
                + "61cbbe083e7e2da1e5f696bde0834fe53146d7e0e35e7de9920d041f5a5621aabe"
                + "02da3e2b09b405b77937efef3197bd5772e41fdb73fb5294478e45208063b5f58e"
                + "089dbeb6d6342a909c1307b3fff5fe2cf4da56bdae50848f",
            passwordLength: 156, saltHex: "039c056d933b475032777edbaffac50f143f64c123329ed9cf59e3b65d3f43b6",
            outputLength: 178, opsLimit: 3, memLimit: 4_886_999,
            expectedHex: "d6e9d6cabd42fb9ba7162fe9b8e41d59d3c7034756cb460c9affe393308bd0225ce0371f2e6c3ca32aca2002bf2d3909c6b6e7dfc4a00e850ff4f570f8f749d4bb6f0091e554be67a9095ae1eefaa1a933316cbec3c2fd4a14a5b6941bda9b7eabd821d79abde2475a53af1a8571c7ee46460be415882e0b393f48c12f740a6a72cba9773000602e13b40d3dfa6ac1d4ec43a838b7e3e165fecad4b2498389e60a3ff9f0f8f4b9fca1126e64f49501e38690"),
        Argon2id(
            passwordHex: "b540beb016a5366524d4605156493f9874514a5aa58818cd0c6dfffaa9e90205f17b",
            passwordLength: 34, saltHex: "44071f6d181561670bda728d43fb79b443bb805afdebaf98622b5165e01b15fb",
            outputLength: 231, opsLimit: 1, memLimit: 1_631_659,
            expectedHex: "7fb72409b0987f8190c3729710e98c3f80c5a8727d425fdcde7f3644d467fe973f5b5fee683bd3fce812cb9ae5e9921a2d06c2f1905e4e839692f2b934b682f11a2fe2b90482ea5dd234863516dba6f52dc0702d324ec77d860c2e181f84472bd7104fedce071ffa93c5309494ad51623d214447a7b2b1462dc7d5d55a1f6fd5b54ce024118d86f0c6489d16545aaa87b6689dad9f2fb47fda9894f8e12b87d978b483ccd4cc5fd9595cdc7a818452f915ce2f7df95ec12b1c72e3788d473441d884f9748eb14703c21b45d82fd667b85f5b2d98c13303b3fe76285531a826b6fc0fe8e3dddecf"),
        Argon2id(
            passwordHex: "a14975c26c088755a8b715ff2528d647cd343987fcf4aa25e7194a8417fb2b4b3f"
                + "7268da9f3182b4cfb22d138b2749d673a47ecc7525dd15a0a3c66046971784bb63"
                + "d7eae24cc84f2631712075a10e10a96b0e0ee67c43e01c423cb9c44e5371017e9c"
                + "496956b632158da3fe12addecb88912e6759bc37f9af2f45af72c5cae3b179ffb6"
                + "76a697de6ebe45cd4c16d4a9d642d29ddc0186a0a48cb6cd62bfc3dd229d313b30"
                + "1560971e740e2cf1f99a9a090a5b283f35475057e96d7064e2e0fc81984591068d"
                + "55a3b4169f22cccb0745a2689407ea1901a0a766eb99",
            passwordLength: 220, saltHex: "3d968b2752b8838431165059319f3ff8910b7b8ecb54ea01d3f54769e9d98daf",
            outputLength: 167, opsLimit: 3, memLimit: 1_784_128,
            expectedHex: "4e702bc5f891df884c6ddaa243aa846ce3c087fe930fef0f36b3c2be34164ccc295db509254743f18f947159c813bcd5dd8d94a3aec93bbe57605d1fad1aef1112687c3d4ef1cb329d21f1632f626818d766915d886e8d819e4b0b9c9307f4b6afc081e13b0cf31db382ff1bf05a16aac7af696336d75e99f82163e0f371e1d25c4add808e215697ad3f779a51a462f8bf52610af21fc69dba6b072606f2dabca7d4ae1d91d919"),
        // tv2(): the first password and salt again, with other costs.
        Argon2id(
            passwordHex: "a347ae92bce9f80f6f595a4480fc9c2fe7e7d7148d371e9487d75f5c23008ffae0"
                + "65577a928febd9b1973a5a95073acdbeb6a030cfc0d79caa2dc5cd011cef02c08d"
                + "a232d76d52dfbca38ca8dcbd665b17d1665f7cf5fe59772ec909733b24de97d6f5"
                + "8d220b20c60d7c07ec1fd93c52c31020300c6c1facd77937a597c7a6",
            passwordLength: 127, saltHex: "5541fbc995d5c197ba290346d2c559dedf405cf97e5f95482143202f9e74f5c2",
            outputLength: 155, opsLimit: 4, memLimit: 1_397_645,
            expectedHex: "2d232f9dc4de96628b2a4c2b39ceb6a813011fb74a3ba1da096761fabe08f563bd91366aba5c5e35aecd98643cabc16ce560dca261a963230a1fa2af52f2413a57a827c6ee13bcec0c123d195914a55700ccb5756196a86fb9cb4aeacccc0e6dd850f4386b705aaae147ea347543b7fbe24553d9da41f1b335b6e9980cdb966cf7b48520eb42a7269380c885dbefbccf447851fcacbe1753a5b9e1"),
        Argon2id(
            passwordHex: "a347ae92bce9f80f6f595a4480fc9c2fe7e7d7148d371e9487d75f5c23008ffae0"
                + "65577a928febd9b1973a5a95073acdbeb6a030cfc0d79caa2dc5cd011cef02c08d"
                + "a232d76d52dfbca38ca8dcbd665b17d1665f7cf5fe59772ec909733b24de97d6f5"
                + "8d220b20c60d7c07ec1fd93c52c31020300c6c1facd77937a597c7a6",
            passwordLength: 127, saltHex: "5541fbc995d5c197ba290346d2c559dedf405cf97e5f95482143202f9e74f5c2",
            outputLength: 155, opsLimit: 3, memLimit: 1_397_645,
            expectedHex: "34b207147fb7ef83e1ca1a97e30aa6e08ea9b6b1048c59c9c13050dff33e76ce3c440d7f018f817e6b8593e78f339ba633b9d7ec3519b5eafbcc4bc2d20b5136bbc7e5b7e92ff37d024bbbecf5738f718ab22c8adcdb82ceffc233b8ad61f91850abdfe8bb119775d9c4243ec1ac761dfbd132489228dfeab5268c7f0ddc29f56b957d1b76c874cdd77e16139e0df9b847248fd782c9a1147b8480"),
    ]

    struct XChaCha20Poly1305 {
        let keyHex: String
        let nonceHex: String
        let associatedDataHex: String
        let plaintext: String
        let ciphertextHex: String
        let tagHex: String
    }

    static let xchacha20poly1305 = XChaCha20Poly1305(
        keyHex: "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f",
        nonceHex: "404142434445464748494a4b4c4d4e4f5051525354555657",
        associatedDataHex: "50515253c0c1c2c3c4c5c6c7",
        plaintext: "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.",
        ciphertextHex: "bd6d179d3e83d43b9576579493c0e939572a1700252bfaccbed2902c21396cbb"
            + "731c7f1b0b4aa6440bf3a82f4eda7e39ae64c6708c54c216cb96b72e1213b452"
            + "2f8c9ba40db5d945b11b69b982c1bb9e3f3fac2bc369488f76b2383565d3fff9"
            + "21f9664c97637da9768812f615c68b13b52e",
        tagHex: "c0875924c1c7987947deafd8780acf49")
}
