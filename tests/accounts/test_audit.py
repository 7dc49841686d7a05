"""Every change is written to the audit log: who, when, what, before and after."""

from tuyengiao.accounts.models import AuditEntry
from tuyengiao.documents.models import Document
from tuyengiao.documents.services import DocumentInput, document_register, document_update


def test_registering_and_changing_a_document_are_audited(tree, people):
    doc, created = document_register(
        data=DocumentInput(designation="118-KH/TU", system="party", unit=tree.hanoi),
        origin=Document.Origin.OFFICIAL,
        owner_unit=tree.hanoi,
        actor=people.alice,
    )
    assert created
    document_update(actor=people.alice, document=doc, summary="về thông tin cơ sở")
    entries = list(AuditEntry.objects.filter(object_id=str(doc.pk)).order_by("at", "id"))
    assert [e.action for e in entries] == ["document.register", "document.update"]
    update = entries[1]
    assert update.actor == people.alice
    assert update.before["summary"] == ""
    assert update.after["summary"] == "về thông tin cơ sở"


def test_a_refused_change_writes_nothing(tree, people):
    doc, _ = document_register(data=DocumentInput(designation="1-KH/TU", system="party"))
    count = AuditEntry.objects.count()
    try:
        document_update(actor=people.alice, document=doc, identity_key="x")
    except ValueError as exc:
        assert "identity_key" in str(exc)
    assert AuditEntry.objects.count() == count
