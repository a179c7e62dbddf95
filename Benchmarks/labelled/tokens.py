"""Fake credential values with the shape (and checksum, where the format has one) of real ones.

Every function takes a random.Random so the fixture set is reproducible from its seed. None of
these values was ever issued by a provider; they only look like it.
"""
import base64
import json
import string
import zlib

DIGITS = string.digits
HEX = "0123456789abcdef"
UPPER = string.ascii_uppercase
LOWER = string.ascii_lowercase
ALNUM = string.ascii_letters + string.digits
BASE62 = string.digits + string.ascii_uppercase + string.ascii_lowercase  # GitHub's order
B64URL = ALNUM + "-_"
B64 = ALNUM + "+/"
BASE32 = UPPER + "234567"
BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def rand(rng, alphabet, n):
    return "".join(rng.choice(alphabet) for _ in range(n))


def b64(data):
    return base64.b64encode(data).decode()


def b64url_nopad(data):
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


# --- checksummed tokens ---------------------------------------------------------------------

def base62(n):
    out = ""
    while n:
        n, r = divmod(n, 62)
        out = BASE62[r] + out
    return out or "0"


def crc_checksum(body):
    """GitHub/npm scheme: base62 of the zlib CRC32 of the 30 random characters, 6 wide."""
    return base62(zlib.crc32(body.encode())).rjust(6, "0")


def crc_token(rng, prefix):
    body = rand(rng, BASE62, 30)
    return prefix + body + crc_checksum(body)


def crc_token_bad(rng, prefix):
    """Same shape as crc_token, but the checksum does not match (so it cannot be a real token)."""
    body = rand(rng, BASE62, 30)
    good = crc_checksum(body)
    bad = good
    while bad == good:
        bad = rand(rng, BASE62, 6)
    return prefix + body + bad


def crc_ok(token, prefix):
    body, check = token[len(prefix):len(prefix) + 30], token[len(prefix) + 30:]
    return crc_checksum(body) == check


# --- bech32 (age keys) ------------------------------------------------------------------------

def _polymod(values):
    gen = [0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3]
    chk = 1
    for v in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            chk ^= gen[i] if (top >> i) & 1 else 0
    return chk


def bech32(hrp, data):
    bits, acc, words = 0, 0, []
    for byte in data:
        acc = (acc << 8) | byte
        bits += 8
        while bits >= 5:
            bits -= 5
            words.append((acc >> bits) & 31)
    if bits:
        words.append((acc << (5 - bits)) & 31)
    expanded = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    pm = _polymod(expanded + words + [0] * 6) ^ 1
    words += [(pm >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(BECH32[w] for w in words)


def age_secret_key(rng):
    return bech32("age-secret-key-", rng.randbytes(32)).upper()


def age_public_key(rng):
    return bech32("age", rng.randbytes(32))


# --- provider tokens (positives) -------------------------------------------------------------

def aws_key_id(rng, prefix="AKIA"):
    return prefix + rand(rng, BASE32, 16)


def aws_secret(rng):
    return rand(rng, ALNUM + "/+", 40)


def github_fine_grained(rng):
    return "github_pat_" + rand(rng, BASE62, 22) + "_" + rand(rng, BASE62, 59)


def jwt(rng, alg="HS256"):
    header = {"alg": alg, "typ": "JWT"}
    now = 1_700_000_000 + rng.randrange(40_000_000)
    payload = {"sub": str(rng.randrange(10**6, 10**7)), "name": rng.choice(["svc-billing", "ci-bot", "admin"]),
               "iss": "https://auth.acme-internal.dev", "iat": now, "exp": now + 3600 * rng.choice([1, 24, 720]),
               "scope": rng.choice(["read write", "admin", "deploy"])}
    enc = lambda o: b64url_nopad(json.dumps(o, separators=(",", ":")).encode())
    return enc(header) + "." + enc(payload) + "." + b64url_nopad(rng.randbytes(32))


def slack_bot(rng):
    return f"xoxb-{rand(rng, DIGITS, 11)}-{rand(rng, DIGITS, 13)}-{rand(rng, ALNUM, 24)}"


def slack_user(rng):
    return f"xoxp-{rand(rng, DIGITS, 11)}-{rand(rng, DIGITS, 11)}-{rand(rng, DIGITS, 13)}-{rand(rng, HEX, 32)}"


def slack_webhook(rng):
    return (f"https://hooks.slack.com/services/T{rand(rng, UPPER + DIGITS, 10)}/"
            f"B{rand(rng, UPPER + DIGITS, 10)}/{rand(rng, ALNUM, 24)}")


def stripe(rng, prefix="sk_live_"):
    return prefix + rand(rng, ALNUM, rng.choice([24, 99]))


def google_api_key(rng):
    return "AIza" + rand(rng, B64URL, 35)


def sendgrid(rng):
    return "SG." + rand(rng, B64URL, 22) + "." + rand(rng, B64URL, 43)


def pypi(rng):
    macaroon = b"\x02\x01\x08pypi.org\x02\x01\x04" + rng.randbytes(rng.randrange(90, 140))
    return "pypi-" + b64url_nopad(macaroon)


def openai_project(rng):
    return "sk-proj-" + rand(rng, B64URL, 74) + "T3BlbkFJ" + rand(rng, B64URL, 74)


def openai_legacy(rng):
    return "sk-" + rand(rng, ALNUM, 20) + "T3BlbkFJ" + rand(rng, ALNUM, 20)


def anthropic(rng):
    return "sk-ant-api03-" + rand(rng, B64URL, 93) + "AA"


def vault_token(rng):
    if rng.random() < 0.5:
        return "hvs." + rand(rng, BASE62, 24)
    return "hvs.CAESI" + rand(rng, B64URL, 82)


def terraform_cloud(rng):
    return rand(rng, ALNUM, 14) + ".atlasv1." + rand(rng, ALNUM, 67)


def azure_storage_key(rng):
    return b64(rng.randbytes(64))


def azure_client_secret(rng):
    return rand(rng, ALNUM, 3) + rng.choice(DIGITS) + "Q~" + rand(rng, ALNUM + "_~.-", 34)


def atlassian(rng):
    return "ATATT3xFfGF0" + rand(rng, B64URL, 170) + "=" + rand(rng, "0123456789ABCDEF", 8)


def discord_webhook(rng):
    return f"https://discord.com/api/webhooks/{rand(rng, DIGITS, 18)}/{rand(rng, B64URL, 68)}"


def fcm_server_key(rng):
    return "AAAA" + rand(rng, ALNUM, 7) + ":APA91b" + rand(rng, B64URL, 134)


def telegram_bot(rng):
    return rand(rng, DIGITS, 10) + ":AA" + rand(rng, B64URL, 33)


def dynatrace(rng):
    return "dt0c01." + rand(rng, UPPER + DIGITS, 24) + "." + rand(rng, UPPER + DIGITS, 64)


def simple(prefix, alphabet, n):
    """A generator for the many formats that are a fixed prefix and n random characters."""
    return lambda rng: prefix + rand(rng, alphabet, n)


# --- passwords -------------------------------------------------------------------------------

def strong_password(rng, url_safe=False):
    symbols = "-_.~" if url_safe else "!*-_+.^~"
    n = rng.randrange(16, 29)
    while True:
        pw = rand(rng, ALNUM + symbols, n)
        if any(c.isdigit() for c in pw) and any(c.isupper() for c in pw) and any(c.islower() for c in pw):
            return pw


HUMAN_WORDS = ["Summer", "Winter", "Autumn", "Spring", "Welcome", "Monkey", "Dragon", "Sunshine", "Football",
               "Liverpool", "Chelsea", "Barcelona", "Princess", "Shadow", "Master", "Letmein", "Qwerty",
               "Hunter", "Tigger", "Charlie", "Company", "Acme", "Berlin", "London", "Penguin", "Rainbow"]


def human_password(rng):
    word = rng.choice(HUMAN_WORDS)
    tail = rng.choice([str(rng.randrange(2015, 2026)), str(rng.randrange(1, 100)), "123", "1234", "2024"])
    return word + tail + rng.choice(["!", "!", "?", "*", ".", "!!", ""])


# --- look-alikes (hard negatives) --------------------------------------------------------------

AWS_DOC_KEYS = [("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
                ("AKIAI44QH8DHBEXAMPLE", "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY")]


def uuid4(rng):
    h = rand(rng, HEX, 32)
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{rng.choice('89ab')}{h[17:20]}-{h[20:]}"


def bcrypt_hash(rng):
    return f"$2b${rng.choice(['10', '12'])}$" + rand(rng, "./" + ALNUM, 53)


def argon2_hash(rng):
    salt, digest = b64(rng.randbytes(16)).rstrip("="), b64(rng.randbytes(32)).rstrip("=")
    return f"$argon2id$v=19$m=65536,t=3,p=4${salt}${digest}"


def sha512crypt(rng):
    return "$6$" + rand(rng, "./" + ALNUM, 16) + "$" + rand(rng, "./" + ALNUM, 86)


def sops_value(rng, kind="str"):
    return (f"ENC[AES256_GCM,data:{b64(rng.randbytes(rng.randrange(12, 40)))},iv:{b64(rng.randbytes(32))},"
            f"tag:{b64(rng.randbytes(16))},type:{kind}]")


def sealed_value(rng):
    return "AgB" + b64(rng.randbytes(rng.randrange(560, 700)))[3:]


def travis_secure(rng):
    return b64(rng.randbytes(256))


def npm_integrity(rng):
    return "sha512-" + b64(rng.randbytes(64))


def go_sum_hash(rng):
    return "h1:" + b64(rng.randbytes(32))


def ansible_vault_lines(rng, n_lines=5):
    return ["$ANSIBLE_VAULT;1.1;AES256"] + [rand(rng, HEX, 80) for _ in range(n_lines)]


def png_data_uri(rng):
    """A real 8x8 RGB PNG with random pixels, as a data: URI (base64 that is not a secret)."""
    w = h = 8
    raw = b"".join(b"\x00" + rng.randbytes(w * 3) for _ in range(h))

    def chunk(tag, data):
        return len(data).to_bytes(4, "big") + tag + data + zlib.crc32(tag + data).to_bytes(4, "big")
    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", w.to_bytes(4, "big") + h.to_bytes(4, "big") + b"\x08\x02\x00\x00\x00")
           + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    return "data:image/png;base64," + b64(png)
