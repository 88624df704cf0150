"""Originals at rest: encryption with ONCOGUIDE_ENCRYPTION_KEY (Fernet), end to end through the
service; turning it on for an installation that has plain originals; rotating keys; the wrong key
or none; and damaged stored copies, which are reported and repaired, never handed on."""

from __future__ import annotations

import io

import pytest
from cryptography.fernet import Fernet
from PIL import Image

from api.storage import BlobStore, PageImages, sha256_hex
from ingest.errors import ConfigurationError, CorruptFile
from tests.test_api_fakes import People, make_settings

RECORD = b"SURGICAL PATHOLOGY\nreceptors.er.status=positive\nPatient: Quintessa Marrowby\n"


def _on_disk(root) -> list[bytes]:
    return [p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()]


def _png(text_colour: int = 0) -> bytes:
    out = io.BytesIO()
    Image.new("L", (60, 40), 255 - text_colour).save(out, format="PNG")
    return out.getvalue()


def test_uploads_are_encrypted_at_rest_through_the_service(tmp_path):
    """Originals and the cached page images on disk hold no record content; the service reads them."""
    from fastapi.testclient import TestClient

    from api.app import create_app
    from api.services import Services

    key = Fernet.generate_key().decode()
    svc = Services.from_settings(make_settings(tmp_path, encryption_key=key), immediate=True)
    people = People(svc)
    with TestClient(create_app(services=svc)) as c:
        h = People.h(people.pat1)
        r = c.post(f"/api/patients/{people.p1.id}/documents", headers=h,
                   files=[("file", ("r.txt", RECORD, "text/plain")), ("file", ("p.png", _png(), "image/png"))])
        text_doc, image_doc = (d["document_id"] for d in r.json()["documents"])
        assert c.get(f"/api/documents/{text_doc}", headers=h).json()["status"] == "done"
        page = c.get(f"/api/documents/{text_doc}/pages/1", headers=h).json()
        assert "Quintessa Marrowby" in page["text"]
        png = c.get(f"/api/documents/{image_doc}/pages/1.png", headers=h)
        assert png.status_code == 200 and png.content.startswith(b"\x89PNG")
        assert c.get(f"/api/documents/{image_doc}/pages/1.png", headers=h).content == png.content  # from the cache
        doc = c.get(f"/api/documents/{text_doc}", headers=h).json()
        assert doc["sha256"] == sha256_hex(RECORD)  # the hash is of the uploaded bytes
    originals = _on_disk(svc.settings.originals_dir)
    cached = _on_disk(svc.settings.cache_dir)
    assert len(originals) == 2 and cached
    for stored in originals + cached:
        assert b"Marrowby" not in stored and not stored.startswith(b"\x89PNG") and stored.startswith(b"gAAAAA")
    svc.close()


def test_turning_encryption_on_later_and_encrypting_what_was_stored(tmp_path, monkeypatch):
    from api.cli import main

    plain = BlobStore(tmp_path / "originals")
    sha = plain.put(RECORD)
    key = Fernet.generate_key().decode()
    with_key = BlobStore(tmp_path / "originals", key)
    assert with_key.get(sha) == RECORD  # stored in the clear before the key: still readable
    assert _on_disk(tmp_path / "originals") == [RECORD]

    monkeypatch.setenv("ONCOGUIDE_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("ONCOGUIDE_ENCRYPTION_KEY", raising=False)
    assert main(["storage", "encrypt"]) == 45  # no key: says to set one
    monkeypatch.setenv("ONCOGUIDE_ENCRYPTION_KEY", key)
    assert main(["storage", "encrypt"]) == 0
    (stored,) = _on_disk(tmp_path / "originals")
    assert b"Marrowby" not in stored and with_key.get(sha) == RECORD
    with pytest.raises(ConfigurationError, match="are encrypted: set ONCOGUIDE_ENCRYPTION_KEY"):
        plain.get(sha)  # without the key: a clear message, not ciphertext handed to ingest


def test_rotating_keys(tmp_path):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    sha = BlobStore(tmp_path, old).put(RECORD)
    with pytest.raises(ConfigurationError, match="differs from the key it was stored with"):
        BlobStore(tmp_path, new).get(sha)
    both = BlobStore(tmp_path, f"{new}, {old}")  # the new key encrypts, either decrypts
    assert both.get(sha) == RECORD
    assert both.reseal_all() == 1
    assert BlobStore(tmp_path, new).get(sha) == RECORD  # now under the new key alone
    with pytest.raises(ConfigurationError):
        BlobStore(tmp_path, old).get(sha)
    with pytest.raises(ConfigurationError, match="not a valid Fernet key"):
        BlobStore(tmp_path, f"{new},not-a-key")


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_a_damaged_stored_copy_is_reported_and_the_next_upload_repairs_it(tmp_path, encrypted):
    store = BlobStore(tmp_path, Fernet.generate_key().decode() if encrypted else None)
    sha = store.put(RECORD)
    path = store.path_of(sha)
    damaged = bytearray(path.read_bytes())
    damaged[len(damaged) // 2] ^= 0x01  # one bit flipped on disk
    path.write_bytes(bytes(damaged))
    # Encrypted, a damaged copy and a wrong key look the same (the token's MAC fails): the
    # message names both.
    with pytest.raises(ConfigurationError if encrypted else CorruptFile, match="(?i)upload the file again"):
        store.get(sha)
    assert store.put(RECORD) == sha  # the same bytes uploaded again replace the damaged copy
    assert store.get(sha) == RECORD
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == [sha]  # no temporary files left


def test_page_image_cache_follows_the_key(tmp_path):
    """A cache written in the clear is not served once a key is set (it is rendered again and
    sealed), and a sealed one is not served as an image without the key."""
    key = Fernet.generate_key().decode()
    plain = BlobStore(tmp_path / "o")
    sha = plain.put(_png())
    PageImages(plain, tmp_path / "c", 72, 10_000).png(sha, 1, "png")
    (cached,) = [p for p in (tmp_path / "c").rglob("*") if p.is_file()]
    assert cached.read_bytes().startswith(b"\x89PNG")
    sealed = PageImages(BlobStore(tmp_path / "o", key), tmp_path / "c", 72, 10_000).png(sha, 1, "png")
    assert sealed.startswith(b"\x89PNG") and cached.read_bytes().startswith(b"gAAAAA")
    assert PageImages(plain, tmp_path / "c", 72, 10_000).png(sha, 1, "png").startswith(b"\x89PNG")
