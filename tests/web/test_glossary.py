"""Issue 11: the glossary page and its JSON twin, in English and French."""

from __future__ import annotations

from flask.testing import FlaskClient


def test_the_glossary_api_lists_every_term_in_both_languages(client: FlaskClient) -> None:
    reply = client.get("/api/v1/glossary")
    assert reply.status_code == 200
    body = reply.get_json()
    terms = {term["id"]: term for term in body["terms"]}
    assert body["count"] == len(terms) > 80
    assert terms["unbound-port"]["fr"] == "non lié"
    assert terms["top-level-table"]["fr"] == "la table de plus haut niveau (L4)"
    assert "fr_avoid" not in terms["unbound-port"], "the checking rules stay private"
    assert "xenbus.front_evtchn" in terms["unbound-port"]["sentences"]


def test_the_glossary_page_shows_both_languages_and_anchors(client: FlaskClient) -> None:
    english = client.get("/glossary?lang=en").get_data(as_text=True)
    assert 'id="term-shadow-copy"' in english and "copie de suivi" in english
    french = client.get("/glossary?lang=fr").get_data(as_text=True)
    assert "Glossaire" in french and "supprimer la projection" in french


def test_a_lab_page_links_every_narrated_step_to_its_source(client: FlaskClient,
                                                            session_id: str) -> None:
    client.post(f"/api/v1/sessions/{session_id}/step", json={"count": 3})
    page = client.get(f"/s/{session_id}").get_data(as_text=True)
    assert 'class="source-link"' in page and "xenbits.xen.org/gitweb" in page
    assert 'id="sources-config"' in page and 'href="/glossary"' in page
