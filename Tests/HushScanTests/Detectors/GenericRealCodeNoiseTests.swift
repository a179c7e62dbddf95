import Testing
@testable import HushScan

/// One regression case per class of noise seen on real public code (Helm chart NOTES and READMEs,
/// Ansible, Python's standard library, a Debian image's shell scripts), each written here in the
/// shape it had there, and the credentials next to them that must still be found.
@Suite struct GenericRealCodeNoiseTests {
    struct Line: CustomTestStringConvertible, Sendable {
        var text: String
        var path: String
        var testDescription: String { "\(path): \(text.prefix(60))" }
        init(_ path: String, _ text: String) {
            self.path = path
            self.text = text
        }
    }

    private func found(_ line: Line) -> [String] {
        let bytes = Array((line.text + "\n").utf8)
        let syntax = bytes.withUnsafeBytes { TextSyntax.of(path: line.path, bytes: $0) }
        return GenericAssignmentDetector().findings(in: bytes, syntax: syntax).map(\.candidate.value)
    }

    static let noise: [Line] = [
        // Command substitutions and references, whole or cut at a space or a nested quote.
        Line("templates/NOTES.txt", #"export APP_PASSWORD=$(kubectl get secret --namespace {{ .Release.Namespace }} app -o jsonpath="{.data.pw}" | base64 -d)"#),
        Line("templates/NOTES.txt", #"echo "Password: $(kubectl get secret app -o jsonpath="{.data.pw}" | base64 --decode)""#),
        Line("etc/security/namespace.init", #"passwd=$(getent passwd "$user")"#),
        Line("usr/bin/pass", #"pass="$($GPG -d "${GPG_OPTS[@]}" "$passfile" | $BASE64)" || exit $?"#),
        Line("values_saml.yaml", #"  KEYSTORE_PASSWORD="$( cat "$PASSWORD_FILE" )""#),
        Line("deployment.yaml", #"        - --pdns-api-key=$(PDNS_API_KEY)"#),
        Line("Makefile", "PASSWORD=$(shell cat .secret-file-name)"),
        Line("build.sh", #"DB_PASSWORD="${DB_PASSWORD_FROM_VAULT}-suffix""#),
        Line("deploy.sh", "API_TOKEN=$DEPLOY_TOKEN_FROM_CI"),
        Line("configmap.yaml", #"    password=\"$REDMINE_MAIL_RECEIVER_PASSWORD\" "#),
        Line("tests.ps1", #"$become_pass = "password123!$([System.IO.Path]::GetRandomFileName())""#),
        Line("profile.ps1", "$password = $env:SERVICE_PASSWORD_VALUE"),
        // `--set` lists: each entry is its own value.
        Line("README.md", "--set magentoPassword=$APP_PASSWORD,magentoHost=$APP_HOST,service.type=LoadBalancer"),
        Line("README.md", "--set rootUser.password=secretpassword,db.user=app_database"),
        // Code read as configuration: expressions, calls, members, indexing.
        Line("subversion.py", "    password = module.params['password']"),
        Line("nntplib.py", "            password = auth[2]"),
        Line("tokenize.py", "            token = line[start:pos]"),
        Line("request.py", "        passwd = passwd or ''"),
        Line("ftplib.py", "            passwd = passwd + 'anonymous@'"),
        Line("register.py", "            data['password'] = getpass.getpass('Password: ')"),
        Line("ios.py", #"        pc.password = provider["password"] or self._play_context.password"#),
        Line("action.py", "        become_kwargs['become_password'] = self._connection.become.get_option('become_pass')"),
        Line("configmap.yaml", #"    'mail_smtppassword' => getenv('SMTP_PASSWORD') ?: '',"#),
        Line("configmap.yaml", "    SENTRY_OPTIONS['mail.password'] = env('SENTRY_EMAIL_PASSWORD') or ''"),
        Line("WebRequest.psm1", #"        url_password = @{ type = "str"; no_log = $true }"#),
        // Templates and format fields.
        Line("configmap.yaml", #"      "password": "{{ index .Values "rabbitmq-ha" "rabbitmqPassword" }}","#),
        Line("secrets.yaml", #"  app-password: "{{ b64enc (include "app.password" .) }}""#),
        Line("upload.py", #"        "password": "{OS_PASSWORD}","#),
        Line("prompt.py", #"        print(f"password={password!r}")"#),
        Line("runme.py", "    display.show(f'PASS: {result.scenario}{notes}')"),
        Line("cloud.ini.template", "vcenter_password: @VMWARE_PASSWORD"),
        Line("README.md", "$ helm install cpi --set config.password=<vCenter password>"),
        // Text that is not an assignment, or holds no secret.
        Line("test_sudo.py", #"assert re.match(r"""sudo -H -p "[sudo via ansible, key=.+?] password:" -u foo /bin/bash -c 'echo x'""", cmd)"#),
        Line("etc/nsswitch.conf", "passwd:         files systemd"),
        Line("AUTHORS", "pwd: Jim Meyering"),
        Line("values.yaml", "networkPassphrase: Public Global Stellar Network ; September 2015"),
        Line("values.yaml", "  password: 'sha1:aae8550c0a44:9507d45e087d5ee481a5ce9f4f16f37a0867318c'"),
        Line("lexers/shell.py", #"    token = r'(?:[%s]+|%s)'"#),
        // Values that name the secret they stand for, and names of Secret objects.
        Line("ci/test-values.yaml", "    secret: my-very-secret-passphrase"),
        Line("README.md", "  api_secret: billingServiceApiSecret"),
        Line("values.yaml", "    tlsSecret: grafana.internal-tls"),
        Line("values.yaml", "  existingSecret: postgres-credentials"),
        // Base64 of a stand-in default.
        Line("templates/NOTES.txt", "  ADMIN_PASSWORD: cm9vdA=="),
        // Published test vectors (a known-answer file, told by its name).
        Line("Tests/HPKE/hpke-test-vectors.json", #"      "shared_secret": "8bcd5e2c7f94a4d5e53c3e4a9d41ca1e5b0b0f5f7e6d2c1b4a39f8e7d6c5b4a3","#),
    ]

    @Test(arguments: noise)
    func noiseFromRealCodeIsNotReported(_ line: Line) {
        #expect(found(line).isEmpty, "\(found(line))")
    }

    /// Credentials written the way they were on the same real code (values here are made up).
    static let credentials: [(Line, String)] = [
        (Line("test_vault.py", "        b_password = b'Gr4sshopper-91x'"), "Gr4sshopper-91x"),
        (Line("tasks/main.yml", "    password: tag!#@ |&71$Q"), "tag!#@ |&71$Q"),
        (Line("tokens.py", "        token=45ghiukqwertahdnhzdauz&token_type_hint=refresh_token"), "45ghiukqwertahdnhzdauz"),
        (Line("win_user.py", "    password: C0dP4ssw0rdX"), "C0dP4ssw0rdX"),
        (Line("runme.sh", "export ANSIBLE_BECOME_PASS='iWishIWereTallEnoughForRoot!'"), "iWishIWereTallEnoughForRoot!"),
        (Line("deploy.sh", "PGPASSWORD='N0t$Expanded9' psql -h db"), "N0t$Expanded9"),
        (Line("README.md", "--set auth.password=Vq7Lp2Rx9s,auth.user=app"), "Vq7Lp2Rx9s"),
        (Line("settings.py", #"SECRET_KEY = "k8#vq2@lz!w0(m4r^e7t%y6u*i1o""#), "k8#vq2@lz!w0(m4r^e7t%y6u*i1o"),
        // Next to those: a secret under a Secret-object key that is no name, base64 of a real password,
        // and a password that merely ends in a noun but carries a generated part.
        (Line("values.yaml", "    tlsSecret: Qm9Xk2PzL7vRt8wN4cY1sJ6hD3fG"), "Qm9Xk2PzL7vRt8wN4cY1sJ6hD3fG"),
        (Line("templates/secret.yaml", "  DB_PASSWORD: UzNjdXJlLVBhc3MtOTk="), "UzNjdXJlLVBhc3MtOTk="),
        (Line("values.yaml", "  password: Kx93q-Wm37z-secret"), "Kx93q-Wm37z-secret"),
        // A run-together key name (Azure Files' Secret data keys).
        (Line("secret.yaml", "  azurestorageaccountkey: cW1WN3Z4S2pMcDJ6UjhuVGY0WWM5SGQ2RnM1R2oxQnhRbTN2VDh4S3AyTHc5elJu"),
         "cW1WN3Z4S2pMcDJ6UjhuVGY0WWM5SGQ2RnM1R2oxQnhRbTN2VDh4S3AyTHc5elJu"),
    ]

    @Test(arguments: credentials)
    func credentialsNextToThemAreStillFound(_ line: Line, _ secret: String) {
        #expect(found(line) == [secret])
    }

    @Test func syntaxIsToldByNameAndInterpreter() {
        func syntax(_ path: String, _ text: String = "") -> TextSyntax {
            Array(text.utf8).withUnsafeBytes { TextSyntax.of(path: path, bytes: $0) }
        }
        #expect(syntax("lib/ansible/modules/user.py") == .code)
        #expect(syntax("app.jar!BOOT-INF/classes/App.java") == .code)
        #expect(syntax("scripts/deploy.sh") == .shell)
        #expect(syntax("Makefile") == .shell)
        #expect(syntax("usr/bin/pass", "#!/usr/bin/env bash\nset -e\n") == .shell)
        #expect(syntax("usr/bin/tool", "#!/usr/bin/python3.11 -E\n") == .code)
        #expect(syntax("values.yaml") == .other)
        #expect(syntax("Tests/CryptoTests/HPKE/hpke-test-vectors.json") == .knownAnswers)
        #expect(syntax("testdata/wycheproof/x25519_test.json") == .other, "the folder does not decide")
        #expect(syntax("x25519_wycheproof.json") == .knownAnswers)
        #expect(syntax("SHA256ShortMsg.rsp") == .knownAnswers)
        #expect(syntax("Sources/VectorStore.swift") == .code)
        #expect(syntax("config/vectors.py") == .code)
        #expect(syntax("README.md") == .other)
    }
}
