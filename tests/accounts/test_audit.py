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
    assert [e.action for e in entries] == ["document_register", "document_update"]
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


def test_the_audit_page_is_for_managers_and_shows_their_subtree(client, tree, people):
    from django.urls import reverse

    document_register(
        data=DocumentInput(designation="118-KH/TU", system="party", unit=tree.hanoi),
        origin=Document.Origin.OFFICIAL,
        owner_unit=tree.hanoi,
        actor=people.alice,
    )
    document_register(
        data=DocumentInput(designation="86-KH/TU", system="party", unit=tree.haiphong),
        origin=Document.Origin.OFFICIAL,
        owner_unit=tree.haiphong,
        actor=people.charlie,
    )
    client.force_login(people.alice)
    content = client.get(reverse("accounts:audit-list")).content.decode()
    assert "118-KH/TU" in content and "86-KH/TU" not in content
    client.force_login(people.root)
    content = client.get(reverse("accounts:audit-list")).content.decode()
    assert "118-KH/TU" in content and "86-KH/TU" in content
    client.force_login(people.bob)
    assert client.get(reverse("accounts:audit-list")).status_code == 403
