"""The error taxonomy: stable, unique codes and exit codes, messages that say what to do."""

from ingest.errors import OncoguideError, all_error_classes


def test_codes_and_exit_codes_are_unique():
    classes = [c for c in all_error_classes() if c is not OncoguideError]
    codes = [c.code for c in classes]
    assert len(codes) == len(set(codes)), codes
    exits = [c.exit_code for c in classes if c.__subclasses__() == []]
    assert len(exits) == len(set(exits)), exits


def test_every_concrete_error_has_an_actionable_message_and_http_status():
    for cls in all_error_classes():
        if cls.__subclasses__():
            continue
        err = cls()
        assert len(err.message) > 40, cls
        assert 400 <= cls.http_status < 600
        assert err.to_dict() == {"code": cls.code, "message": err.message}
