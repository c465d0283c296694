"""PAdES signatures with pyHanko, for the tests of the firma digitale fields.

    python3 tests/pdf/pades.py ca DIR
        A throw-away test root CA and a signer certificate issued by it, as a
        qualified signature tool would hold: DIR/root.pem, DIR/signer.pem,
        DIR/signer-key.pem (RSA 2048, SHA-256, valid from yesterday for a
        year). Made fresh in every test run; never a real key.
    python3 tests/pdf/pades.py sign IN.pdf OUT.pdf FIELD DIR
        Signs the existing empty signature field FIELD (its full name) of
        IN.pdf as an incremental update (PAdES baseline, /ETSI.CAdES.detached),
        with DIR's signer key; writes OUT.pdf.
    python3 tests/pdf/pades.py validate FILE.pdf DIR
        Validates every signature of FILE.pdf, trusting DIR/root.pem only, and
        prints one JSON line: a list, in signing order, of
        {"field", "intact", "valid", "trusted", "coverage", "modification",
        "bottom_line"}.
"""
import datetime
import json
import sys
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID


def _name(common_name):
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "IT"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Rinnovo test CA (throw-away)"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _pem(cert):
    return cert.public_bytes(serialization.Encoding.PEM)


def make_ca(out_dir):
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    now = datetime.datetime.now(datetime.timezone.utc)
    start, end = now - datetime.timedelta(days=1), now + datetime.timedelta(days=365)

    root_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    root_name = _name("Rinnovo Test Root")
    root = (
        x509.CertificateBuilder()
        .subject_name(root_name)
        .issuer_name(root_name)
        .public_key(root_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False, content_commitment=False, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=True,
                crl_sign=True, encipher_only=False, decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(root_key.public_key()), critical=False)
        .sign(root_key, hashes.SHA256())
    )

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    signer = (
        x509.CertificateBuilder()
        .subject_name(_name("Niccolò D’Amico Sàntoro"))
        .issuer_name(root_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True, content_commitment=True, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=False,
                crl_sign=False, encipher_only=False, decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()),
            critical=False,
        )
        .sign(root_key, hashes.SHA256())
    )
    (out / "root.pem").write_bytes(_pem(root))
    (out / "signer.pem").write_bytes(_pem(signer))
    (out / "signer-key.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )


def sign(in_path, out_path, field, ca_dir):
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    ca = Path(ca_dir)
    signer = signers.SimpleSigner.load(
        str(ca / "signer-key.pem"),
        str(ca / "signer.pem"),
        ca_chain_files=(str(ca / "root.pem"),),
    )
    meta = signers.PdfSignatureMetadata(
        field_name=field,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason="Firma del contratto di assistenza",
        location="Forlì",
    )
    with open(in_path, "rb") as inf:
        writer = IncrementalPdfFileWriter(inf, strict=False)
        # An existing field only: a typo in the name must fail, not add one.
        names = [name for name, _, _ in fields.enumerate_sig_fields(writer)]
        if field not in names:
            sys.exit(f"no signature field {field!r}; the file has {names}")
        with open(out_path, "wb") as outf:
            signers.sign_pdf(writer, meta, signer=signer, output=outf, existing_fields_only=True)


def validate(path, ca_dir):
    from pyhanko.keys import load_cert_from_pemder
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    root = load_cert_from_pemder(str(Path(ca_dir) / "root.pem"))
    results = []
    with open(path, "rb") as f:
        reader = PdfFileReader(f, strict=False)
        for sig in reader.embedded_signatures:
            context = ValidationContext(trust_roots=[root], allow_fetching=False)
            status = validate_pdf_signature(sig, context)
            level = status.modification_level
            results.append(
                {
                    "field": sig.field_name,
                    "intact": bool(status.intact),
                    "valid": bool(status.valid),
                    "trusted": bool(status.trusted),
                    "coverage": status.coverage.name if status.coverage else None,
                    "modification": level.name if level is not None else None,
                    "bottom_line": bool(status.bottom_line),
                }
            )
    print(json.dumps(results, ensure_ascii=False))


def main(argv):
    match argv:
        case ["ca", out_dir]:
            make_ca(out_dir)
        case ["sign", in_path, out_path, field, ca_dir]:
            sign(in_path, out_path, field, ca_dir)
        case ["validate", path, ca_dir]:
            validate(path, ca_dir)
        case _:
            sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
