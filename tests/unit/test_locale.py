"""Message catalogs: every domain parses, and Russian and Kazakh translate every message."""

from __future__ import annotations

import re
from importlib import resources

import pytest
from babel.messages.pofile import read_po

from pea_docs.locale import LANGS, catalog, domains, gettext

PACKAGE = resources.files("pea_docs.locale")


def po_path(lang: str, domain: str):
    return PACKAGE / lang / "LC_MESSAGES" / f"{domain}.po"


def messages(lang: str, domain: str):
    with po_path(lang, domain).open("rb") as fh:
        return [m for m in read_po(fh, locale=lang, domain=domain) if m.id]


def test_there_are_domains():
    assert "format" in domains()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("domain", domains())
def test_catalog_exists_and_parses(lang, domain):
    assert po_path(lang, domain).is_file(), f"{lang}/LC_MESSAGES/{domain}.po is missing"
    assert messages(lang, domain)


@pytest.mark.parametrize("lang", ["ru", "kk"])
@pytest.mark.parametrize("domain", domains())
def test_every_message_is_translated(lang, domain):
    present = [lang_ for lang_ in LANGS if po_path(lang_, domain).is_file()]
    ids = {(m.context, m.id) for lang_ in present for m in messages(lang_, domain)}
    translated = catalog(lang, domain)
    untranslated = sorted((ctx or "", str(mid)) for ctx, mid in ids if not translated.get((ctx, mid)))
    assert not untranslated, f"{lang}/{domain}.po lacks (context, msgid): {untranslated}"


@pytest.mark.parametrize("domain", domains())
@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_placeholders_are_kept(domain, lang):
    for (ctx, mid), text in catalog(lang, domain).items():
        if text:
            assert set(re.findall(r"\{\w*\}", text)) == set(re.findall(r"\{\w*\}", mid)), (lang, domain, mid)


def test_gettext_falls_back_to_the_english_id():
    assert gettext("Private enforcement agent", lang="en", domain="format") == "Private enforcement agent"
    assert gettext("Private enforcement agent", lang="kk", domain="format") == "Жеке сот орындаушысы"
    assert gettext("no such message", lang="ru", domain="format") == "no such message"
