"""The boot lab's page and JSON routes (docs/api-boot.md)."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from flask.testing import FlaskClient

from webapp.model.memory import p2m_lookup


def session(client: FlaskClient, scenario: str = "boot-fragmented-host", seed: int = 7) -> str:
    response = client.post("/api/v1/sessions", json={"scenario": scenario, "seed": seed})
    assert response.status_code == 201
    return str(response.get_json()["id"])


def act(client: FlaskClient, sid: str, action: str, **args: Any) -> Any:
    return client.post(f"/api/v1/sessions/{sid}/actions", json={"action": action, "args": args})


def step(client: FlaskClient, sid: str, count: int) -> None:
    assert client.post(f"/api/v1/sessions/{sid}/step", json={"count": count}).status_code == 200


def config_of(page: str) -> dict[str, Any]:
    found = re.search(r'<script type="application/json" id="lab-config">(.*?)</script>', page,
                      re.DOTALL)
    assert found
    return json.loads(found.group(1))  # type: ignore[no-any-return]


@pytest.fixture
def built(client: FlaskClient) -> str:
    sid = session(client)
    assert act(client, sid, "build", name="guest", memory_mb=256).status_code == 200
    step(client, sid, 80)
    return sid


def test_a_boot_session_opens_the_boot_page(client: FlaskClient) -> None:
    sid = session(client)
    page = client.get(f"/s/{sid}?lang=en").get_data(as_text=True)
    config = config_of(page)
    assert config["lab"] == "boot" and "boot" in config["state"]
    assert 'id="memview"' in page and 'id="start-info"' in page and 'id="xen-chips"' in page
    assert config["extra"]["api"]["memory"].endswith(f"/api/v1/sessions/{sid}/boot/memory")
    assert f'href="/s/{sid}/lifecycle"' in page, "the same session in the lifecycle lab"


def test_any_session_has_a_boot_view_and_back(client: FlaskClient) -> None:
    sid = session(client, "lifecycle-basics")
    boot = client.get(f"/s/{sid}/boot?domain=web")
    assert boot.status_code == 200
    config = config_of(boot.get_data(as_text=True))
    assert config["lab"] == "boot" and config["extra"]["selected"] == "web"
    assert config["share_base"].endswith(f"/s/{sid}/boot")
    names = [d["name"] for d in config["state"]["boot"]["domains"]]
    assert names == ["Domain-0", "web", "db", "batch"]
    lifecycle = client.get(f"/s/{sid}").get_data(as_text=True)
    assert f'href="/s/{sid}/boot' in lifecycle
    assert client.get(f"/s/{sid}/nolab").status_code == 404


def test_the_boot_view_of_a_lifecycle_session_follows_its_create(client: FlaskClient) -> None:
    sid = session(client, "lifecycle-basics")
    act(client, sid, "create", name="extra", memory_mb=128)
    step(client, sid, 20)
    state = client.get(f"/api/v1/sessions/{sid}").get_json()["state"]
    extra = next(d for d in state["boot"]["domains"] if d["name"] == "extra")
    assert extra["origin"] == "xl" and extra["stage"] == "init"
    assert all(row["filled"] for row in extra["start_info"])


def test_the_boot_partial_renders_for_any_session(client: FlaskClient) -> None:
    for scenario in ("boot-fragmented-host", "lifecycle-basics"):
        sid = session(client, scenario)
        fragment = client.get(f"/s/{sid}/partials/boot_domains?lang=fr")
        assert fragment.status_code == 200 and "Domain-0" in fragment.get_data(as_text=True)
    lifecycle_sid = session(client, "lifecycle-basics")
    assert client.get(f"/s/{lifecycle_sid}/partials/domain_table").status_code == 200


def test_memory_buckets_cover_the_host(client: FlaskClient, built: str) -> None:
    body = client.get(f"/api/v1/sessions/{built}/boot/memory?buckets=256").get_json()
    assert body["first"] == 0 and body["count"] == body["total_frames"] == 4096 * 256
    assert len(body["buckets"]) == 256 and body["frames_per_bucket"] == 4096
    assert sum(sum(owners.values()) for _, _, owners in body["buckets"]) == body["count"]
    zoomed = client.get(f"/api/v1/sessions/{built}/boot/memory?first=0x100&count=64"
                        "&buckets=64").get_json()
    assert [b[0] for b in zoomed["buckets"]] == list(range(0x100, 0x140))


def test_the_big_host_is_aggregated(client: FlaskClient) -> None:
    sid = session(client, "boot-big-host")
    body = client.get(f"/api/v1/sessions/{sid}/boot/memory").get_json()
    assert body["total_frames"] == 16 << 20 and len(body["buckets"]) == 1024
    assert len(json.dumps(body)) < 150_000


def test_the_p2m_route_answers_pfn_to_mfn(app: Any, client: FlaskClient, built: str) -> None:
    body = client.get(f"/api/v1/sessions/{built}/boot/p2m?domain=guest&first=5&count=1"
                      "&buckets=1").get_json()
    live = app.extensions["sessions"].get(built)
    guest = live.timeline.sim.world.host.find("guest")
    assert body["buckets"][0]["pieces"] == [[5, p2m_lookup(guest.p2m, 5), 1]]
    assert body["nr_pages"] == guest.nr_pages


@pytest.mark.parametrize("query, status", [
    ("first=-1", 422), ("count=0", 422), ("buckets=5000", 422), ("first=x", 422),
    ("first=99999999999", 422)])
def test_bad_bucket_queries_are_422(client: FlaskClient, built: str, query: str,
                                    status: int) -> None:
    response = client.get(f"/api/v1/sessions/{built}/boot/memory?{query}")
    assert response.status_code == status and response.get_json()["error"]["code"]


def test_unknown_domain_and_session_are_404(client: FlaskClient, built: str) -> None:
    assert client.get(f"/api/v1/sessions/{built}/boot/p2m?domain=ghost").status_code == 404
    assert client.get("/api/v1/sessions/nope/boot/memory").status_code == 404
    assert client.get(f"/api/v1/sessions/{built}/boot/exercises").status_code == 404


def test_exercises_are_asked_and_checked_against_the_model(app: Any, client: FlaskClient,
                                                           built: str) -> None:
    body = client.get(f"/api/v1/sessions/{built}/boot/exercises?domain=guest").get_json()
    kinds = [q["kind"] for q in body["questions"]]
    assert kinds == ["p2m_lookup", "p2m_field", "pt_readonly", "rsi", "shared_info"]
    question = body["questions"][0]
    assert question["question"]["fr"] and question["answer"] == "frame"
    guest = app.extensions["sessions"].get(built).timeline.sim.world.host.find("guest")
    mfn = p2m_lookup(guest.p2m, question["params"]["pfn"])
    url = f"/api/v1/sessions/{built}/boot/exercises/check"
    right = client.post(url, json={"kind": "p2m_lookup", "params": question["params"],
                                   "answer": hex(mfn)}).get_json()
    assert right["correct"] and right["expected"] == hex(mfn)
    wrong = client.post(url, json={"kind": "p2m_field", "params": {"domain": "guest"},
                                   "answer": "pt_base"}).get_json()
    assert not wrong["correct"] and wrong["expected"] == "mfn_list"
    assert "mfn_list" in wrong["explanation"]["en"]


def test_exercises_on_a_domain_not_built_yet_are_refused(client: FlaskClient) -> None:
    sid = session(client)
    act(client, sid, "build", name="guest", memory_mb=256)
    step(client, sid, 2)
    url = f"/api/v1/sessions/{sid}/boot/exercises/check"
    response = client.post(url, json={"kind": "rsi", "params": {"domain": "guest"},
                                      "answer": "start_info"})
    assert response.status_code == 409 and response.get_json()["error"]["code"] == "refused"
    assert client.post(url, json={"kind": 3}).status_code == 422


def test_boot_actions_through_the_api(client: FlaskClient) -> None:
    sid = session(client)
    assert act(client, sid, "power_on").status_code == 200
    refused = act(client, sid, "power_on")
    assert refused.status_code == 409
    assert refused.get_json()["error"]["messages"]["fr"]
    assert act(client, sid, "fragment", allocations=0).status_code == 422
    assert act(client, sid, "boot_both", name="x").status_code == 409
