"""Creating and changing sources: normal forms of domain and country, duplicates refused."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from articles.models import Source
from articles.services import source_create, source_update

pytestmark = pytest.mark.django_db


def test_source_create_normalises_domain_and_country() -> None:
    source = source_create(name=" Le Monde ", domain="WWW.LeMonde.fr", country="fr", kind="newspaper")
    assert (source.name, source.domain, source.country, source.kind) == ("Le Monde", "lemonde.fr", "FR", "newspaper")


def test_source_create_refuses_a_duplicate_domain_and_a_bad_kind() -> None:
    source_create(name="AFP", domain="afp.com")
    with pytest.raises(ValidationError) as duplicate:
        source_create(name="Agence", domain="afp.com")
    assert list(duplicate.value.message_dict) == ["domain"]
    with pytest.raises(ValidationError) as kind:
        source_create(name="Blog", kind="blog")
    assert list(kind.value.message_dict) == ["kind"]
    assert Source.objects.count() == 1


def test_source_update_changes_only_given_fields() -> None:
    source = source_create(name="AFP", domain="afp.com", country="FR")
    source_update(source=source, changes={"domain": "", "kind": "wire_agency"})
    source.refresh_from_db()
    assert (source.name, source.domain, source.country, source.kind) == ("AFP", None, "FR", "wire_agency")
