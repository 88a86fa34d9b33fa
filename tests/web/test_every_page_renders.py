"""Every shipped scenario's page, partials and other-lab views render without a server error."""

from __future__ import annotations

import pytest

from webapp import catalog
from webapp.web.labs import PAGES


@pytest.mark.parametrize("scenario", sorted(catalog.scenarios()))
def test_every_view_of_every_scenario_renders_or_is_refused_cleanly(client, scenario) -> None:
    sid = client.post("/api/v1/sessions", json={"scenario": scenario, "seed": 3}).json["id"]
    assert client.post(f"/api/v1/sessions/{sid}/step", json={"count": 25}).status_code == 200
    assert client.get(f"/s/{sid}").status_code == 200
    assert client.get(f"/s/{sid}?lang=fr&view=projector").status_code == 200
    own = catalog.get(scenario).lab
    for name in PAGES[own].partials:
        assert client.get(f"/s/{sid}/partials/{name}").status_code == 200, name
    for lab, page in PAGES.items():
        status = client.get(f"/s/{sid}/{lab}").status_code
        assert status == (200 if lab == own or page.any_session else 404), lab
    assert client.get(f"/api/v1/sessions/{sid}").status_code == 200
    assert client.get(f"/api/v1/sessions/{sid}/events?since=0").status_code == 200
