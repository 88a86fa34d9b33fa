"""A live class in real browsers: a teacher presents, two students follow and answer a poll,
a projector shows anonymous results (Playwright driving Debian Chromium, one browser context
per person, against a real gunicorn server)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.e2e.conftest import watch_console
from tests.e2e.labpages import join_class
from tests.e2e.server import ServerProcess

SCENARIO = "lifecycle-basics"
SERVER_CLOSE_TIMEOUT = 20_000  # ms: a countdown of a few seconds, closed by the server
COUNTDOWN = re.compile(r"\d+ s left|Closing")
QUESTION = "Which ring index does the frontend advance?"


@dataclass
class Person:
    """One browser context (a machine) with one page, and what its console said."""

    context: BrowserContext
    page: Page
    errors: list[str] = field(default_factory=list)

    def api(self, method: str, path: str, body: dict[str, Any] | None = None) -> tuple[int, Any]:
        """A JSON request with this person's cookies; (status, body)."""
        response = self.context.request.fetch(path, method=method, data=body,
                                              fail_on_status_code=False)
        try:
            return response.status, response.json()
        except Exception:  # an empty or non-JSON body
            return response.status, None


@pytest.fixture
def people(browser: Browser, live_server: ServerProcess) -> Iterator[list[Person]]:
    """A factory's list: every person opened by :func:`person` is closed after the test."""
    opened: list[Person] = []
    yield opened
    for someone in opened:
        someone.context.close()


def person(browser: Browser, server: ServerProcess, opened: list[Person], **options: Any) -> Person:
    context = browser.new_context(base_url=server.url, **options)
    page = context.new_page()
    someone = Person(context, page, watch_console(page))
    opened.append(someone)
    return someone


def start_class(teacher: Person, lang: str = "en") -> tuple[str, str, str]:
    """The teacher starts a session and a class on it; (session id, class code, owner token)."""
    status, session = teacher.api("POST", "/api/v1/sessions", {"scenario": SCENARIO, "seed": 5})
    assert status == 201, session
    status, made = teacher.api("POST", "/api/v1/classes", {"session": session["id"]})
    assert status == 201, made
    assert re.fullmatch(r"[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}", made["code"])
    teacher.page.goto(f"/c/{made['code']}?lang={lang}")
    expect(teacher.page.locator("#class-code")).to_have_text(made["code"])
    expect(teacher.page.locator("#lab")).to_have_attribute("data-mode", "driver")
    return session["id"], made["code"], session["owner_token"]


def teacher_steps(teacher: Person, times: int) -> str:
    before = int(teacher.page.locator("#step-now").inner_text())
    for _ in range(times):
        teacher.page.locator("button[data-control='step']").click()
    after = str(before + times)
    expect(teacher.page.locator("#step-now")).to_have_text(after)
    return after


def dashboard_row(teacher: Person, name: str) -> Any:
    cell = teacher.page.locator("td.name", has_text=name)
    return teacher.page.locator("#dashboard-body tr", has=cell)


def choice(someone: Person, index: int) -> Any:
    """The student's button for choice ``index`` of the open poll."""
    return someone.page.locator("#poll-choices button").nth(index)


def font_size(page: Page, selector: str) -> float:
    return float(page.eval_on_selector(selector, "e => parseFloat(getComputedStyle(e).fontSize)"))


def test_a_teacher_two_students_and_a_projector(browser: Browser, live_server: ServerProcess,
                                                people: list[Person]) -> None:
    teacher = person(browser, live_server, people)
    session_id, code, _owner = start_class(teacher)
    expect(teacher.page.locator("#dashboard-empty")).to_be_visible()
    expect(teacher.page.locator("#class-join-url")).to_have_text(re.compile(rf"/join\?code={code}$"))

    # student 1 joins by code and follows the teacher live
    ada = person(browser, live_server, people)
    join_class(ada.page, code, "Ada")
    expect(ada.page.locator("#class-title")).to_contain_text("Ada")
    expect(ada.page.locator("#step-now")).to_have_text("0")
    step = teacher_steps(teacher, 2)
    expect(ada.page.locator("#step-now")).to_have_text(step)
    expect(ada.page.locator("#cursor-text")).to_contain_text(f"step {step}")

    # student 2 joins late and lands on the current step at once
    grace = person(browser, live_server, people, viewport={"width": 390, "height": 844})
    join_class(grace.page, code, "Grace")
    expect(grace.page.locator("#step-now")).to_have_text(step)
    assert grace.page.evaluate("document.documentElement.scrollWidth") <= 390
    expect(dashboard_row(teacher, "Ada")).to_have_count(1)
    expect(dashboard_row(teacher, "Grace")).to_have_count(1)
    expect(dashboard_row(teacher, "Grace").locator("td.connected")).to_contain_text("connected")

    # a student may not drive the class session: refused over HTTP and over the socket
    status, body = ada.api("POST", f"/api/v1/sessions/{session_id}/step", {"count": 3})
    assert status == 403, body
    ada.page.evaluate("window.hypervisorLab.send('step', {count: 3})")
    expect(ada.page.locator("#status")).to_be_visible()
    ada.page.wait_for_timeout(300)
    assert teacher.api("GET", f"/api/v1/sessions/{session_id}")[1]["step"] == int(step)
    expect(teacher.page.locator("#step-now")).to_have_text(step)

    # Ada explores a private copy, the dashboard sees it, then she snaps back to the class
    ada.page.locator("#class-detach").click()
    ada.page.wait_for_url(re.compile(r"/s/[\w-]+\?lang=en$"))
    assert session_id not in ada.page.url
    expect(ada.page.locator("#lab")).to_have_attribute("data-mode", "driver")
    expect(dashboard_row(teacher, "Ada").locator("td.following")).to_contain_text("exploring alone")
    ada.page.locator("button[data-control='step']").click()
    expect(ada.page.locator("#step-now")).to_have_text(str(int(step) + 1))
    expect(teacher.page.locator("#step-now")).to_have_text(step)
    ada.page.locator("#class-back").click()
    ada.page.wait_for_url(re.compile(rf"/c/{code}/student\?lang=en$"))
    expect(ada.page.locator("#step-now")).to_have_text(step)
    expect(dashboard_row(teacher, "Ada").locator("td.following")).to_contain_text("following")

    # the projector: anonymous, large type, no controls
    projector = person(browser, live_server, people, viewport={"width": 1920, "height": 1080})
    projector.page.goto(f"/c/{code}/projector?lang=en")
    expect(projector.page.locator("#class-code")).to_have_text(code)
    expect(projector.page.locator("#class-count")).to_contain_text("Students: 2")
    expect(projector.page.locator("#poll-none")).to_be_visible()
    for selector in ("#class-code", "#poll-title", "#cursor-text"):
        assert font_size(projector.page, selector) >= 20, selector
    expect(projector.page.locator(".controls button[data-control='step']")).to_be_hidden()
    expect(projector.page.locator(".class-panel button")).to_have_count(0)

    # the teacher starts a shutdown, then asks the model's question with a countdown
    teacher.page.locator("button.select-domain[data-domain='db']").click()
    teacher.page.locator("button.action[data-action='shutdown']").click()
    kind = teacher.page.locator("#poll-kind option[value='next_state']")
    expect(kind).to_have_count(1)
    teacher.page.select_option("#poll-kind", "next_state")
    teacher.page.locator("#poll-seconds").fill("8")
    teacher.page.locator("#ask-generated-go").click()
    for someone in (ada, grace, projector, teacher):
        expect(someone.page.locator("#poll-box")).to_be_visible()
        expect(someone.page.locator("#poll-state")).to_have_text("The vote is open.")
    for someone in (ada, projector):
        expect(someone.page.locator("#poll-countdown")).to_contain_text(COUNTDOWN)
    answer = teacher.api("GET", f"/api/v1/classes/{code}/dashboard")[1]["poll"]["answer"]
    wrong = (answer + 1) % ada.page.locator("#poll-choices button").count()
    expect(teacher.page.locator(f"#poll-choice-list li[data-choice='{answer}']")).to_contain_text(
        "students see it after the reveal")
    expect(ada.page.locator("#poll-choices .correct")).to_have_count(0)
    expect(teacher.page.locator("#poll-reveal-note")).to_contain_text("steps the session on")

    choice(ada, answer).click()
    expect(choice(ada, answer)).to_have_attribute("aria-pressed", "true")
    expect(ada.page.locator("#poll-note")).to_contain_text("you can change it until the vote")
    choice(grace, answer).click()  # Grace changes her mind
    expect(grace.page.locator("#poll-note")).to_contain_text("Your answer is recorded")
    choice(grace, wrong).click()
    expect(choice(grace, wrong)).to_have_attribute("aria-pressed", "true")
    expect(choice(grace, answer)).to_have_attribute("aria-pressed", "false")
    expect(projector.page.locator("#poll-answers")).to_have_text("Answers: 2")
    expect(projector.page.locator("#poll-results")).to_be_hidden()
    expect(dashboard_row(teacher, "Ada").locator("td.answered")).to_contain_text("yes")

    # the server closes the vote when the countdown ends; a late answer is refused
    for someone in (ada, grace, projector, teacher):
        expect(someone.page.locator("#poll-state")).to_have_text("The vote is closed.",
                                                                 timeout=SERVER_CLOSE_TIMEOUT)
    poll_id = ada.page.locator("#class-poll").get_attribute("data-poll")
    status, body = ada.api("POST", f"/api/v1/classes/{code}/polls/{poll_id}/answers",
                           {"choice": wrong})
    assert status == 409 and body["error"]["code"] == "poll_closed", body
    expect(projector.page.locator("#poll-chart .main-svg").first).to_be_visible()
    expect(projector.page.locator("#poll-choice-list .correct")).to_have_count(0)
    expect(ada.page.locator("#poll-note")).to_contain_text("Wait for the answer")

    # the teacher reveals: each student sees their own result, the projector the right choice
    teacher.page.locator("#poll-reveal").click()
    expect(ada.page.locator("#poll-note")).to_contain_text("Right!")
    expect(grace.page.locator("#poll-note")).to_contain_text("Wrong")
    expect(choice(grace, answer)).to_contain_text("correct answer")
    right = projector.page.locator(f"#poll-choice-list li[data-choice='{answer}']")
    expect(right).to_have_class("correct")
    expect(projector.page.locator("#poll-summary")).to_contain_text("(correct answer)")
    expect(projector.page.locator("#poll-chart")).to_contain_text("✓")
    expect(dashboard_row(teacher, "Ada")).to_have_attribute("data-status", "correct")
    expect(dashboard_row(teacher, "Grace")).to_have_attribute("data-status", "wrong")
    expect(dashboard_row(teacher, "Grace").locator(".st")).to_have_text("✗ wrong")
    html = projector.page.content()
    assert "Ada" not in html and "Grace" not in html

    # Grace raises her hand: the dashboard shows it, in words
    grace.page.locator("#class-hand").click()
    expect(grace.page.locator("#class-hand")).to_have_attribute("aria-pressed", "true")
    expect(dashboard_row(teacher, "Grace")).to_have_attribute("data-status", "needs_help")
    expect(dashboard_row(teacher, "Grace").locator("td.st-cell")).to_contain_text("needs help")

    for someone in people:
        assert someone.errors == [], someone.errors

    # after a restart of the server, the class, its students and its poll are still there
    before = teacher.api("GET", f"/api/v1/classes/{code}")[1]
    for someone in people:
        someone.page.close()
    live_server.stop()
    live_server.start()
    after = teacher.api("GET", f"/api/v1/classes/{code}")[1]
    assert after["students"] == 2 and after["poll"]["id"] == before["poll"]["id"]
    assert after["poll"]["state"] == "revealed"
    assert after["poll"]["counts"] == before["poll"]["counts"]
    board = teacher.api("GET", f"/api/v1/classes/{code}/dashboard")[1]
    statuses = {s["name"]: s["status"] for s in board["students"]}
    assert statuses == {"Ada": "correct", "Grace": "needs_help"}
    page = ada.context.new_page()
    errors = watch_console(page)
    page.goto(f"/c/{code}/student?lang=en")
    expect(page.locator("#poll-state")).to_have_text("The answer is revealed.")
    expect(page.locator("#poll-note")).to_contain_text("Right!")
    assert errors == []


def test_the_qr_code_is_drawn(browser: Browser, live_server: ServerProcess,
                              people: list[Person]) -> None:
    teacher = person(browser, live_server, people)
    _session, code, _owner = start_class(teacher)
    qr = teacher.page.locator("img.class-qr")
    expect(qr).to_have_attribute("src", f"/api/v1/classes/{code}/qr.svg")
    teacher.page.wait_for_function("document.querySelector('img.class-qr').complete")
    assert qr.evaluate("img => img.naturalWidth") > 0, "the QR code is not an image a browser draws"
    assert teacher.errors == []


def test_joining_and_following_in_french(browser: Browser, live_server: ServerProcess,
                                         people: list[Person]) -> None:
    teacher = person(browser, live_server, people)
    _session, code, _owner = start_class(teacher, lang="fr")
    expect(teacher.page.locator("#ask-title")).to_have_text("Poser une question")
    student = person(browser, live_server, people, viewport={"width": 390, "height": 844})
    student.page.goto("/join?lang=fr")
    expect(student.page.locator("h1")).to_have_text("Rejoindre une classe")
    student.page.locator("#join-code").fill("ZZZZZZ")
    student.page.locator("#join-name").fill("Zoé")
    student.page.locator("button.join-submit").click()
    expect(student.page.locator("#join-error")).to_have_text(
        "Aucune classe n'a ce code\u00a0: vérifiez-le auprès de votre enseignant.")
    expect(student.page.locator("#join-name")).to_have_value("Zoé")
    student.errors.clear()  # the form shown again with its 404 status: the browser logs that
    assert student.page.evaluate("document.documentElement.scrollWidth") <= 390
    join_class(student.page, code, "Zoé", lang="fr")
    page = student.page
    expect(page.locator("#class-title")).to_contain_text("Classe")
    expect(page.locator("#class-title")).to_contain_text("vous êtes Zoé")
    expect(page.locator("#poll-none")).to_have_text("Pas de question pour l'instant.")
    expect(page.locator("#class-hand")).to_contain_text("Lever la main")
    expect(page.locator("#class-detach")).to_have_text("Explorer à partir d'ici")
    step = teacher_steps(teacher, 3)
    expect(page.locator("#step-now")).to_have_text(step)
    following = f"Vous suivez la session en direct (pas {step})."
    expect(page.locator("#cursor-text")).to_have_text(following)
    expect(page.locator("#narration li").first).to_contain_text("ordonnanceur")
    # the teacher writes a question of her own: two choices, the second is the correct one
    own = teacher.page.locator("#ask-own")
    teacher.page.locator(".class-own summary").click()
    own.locator("#own-text").fill("Quel indice le frontal avance-t-il ?")
    rows = own.locator("#own-choices li")
    expect(rows).to_have_count(3)
    rows.nth(0).locator("input[type=text]").fill("rsp_prod")
    rows.nth(1).locator("input[type=text]").fill("req_prod")
    rows.nth(2).get_by_role("button", name="Retirer le choix 3").click()
    expect(rows).to_have_count(2)
    own.get_by_role("radio", name="Le choix 2 est la bonne réponse").check()
    own.get_by_role("button", name="Poser cette question").click()
    expect(teacher.page.locator("#poll-choice-list li.correct")).to_contain_text("req_prod")
    expect(page.locator("#poll-question")).to_have_text("Quel indice le frontal avance-t-il ?")
    expect(page.locator("#poll-state")).to_have_text("Le vote est ouvert.")
    page.locator("#poll-choices button").first.focus()
    page.keyboard.press("Enter")  # the keyboard works as well as a tap
    expect(page.locator("#poll-choices button").first).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#poll-note")).to_contain_text("Votre réponse est enregistrée")
    expect(teacher.page.locator("#dashboard-body td.st-cell")).to_contain_text("a répondu")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    for someone in people:
        assert someone.errors == [], someone.errors


def test_a_second_tab_takes_over_presenting(browser: Browser, live_server: ServerProcess,
                                            people: list[Person]) -> None:
    teacher = person(browser, live_server, people)
    session_id, code, _owner = start_class(teacher)
    expect(teacher.page.locator("#class-count")).to_contain_text("Students: 0")
    second = teacher.context.new_page()
    second_errors = watch_console(second)
    second.goto(f"/c/{code}?lang=en")
    expect(teacher.page.locator("#class-replaced")).to_be_visible()
    expect(teacher.page.locator("#class-replaced")).to_contain_text("Another tab presents")
    second.locator("button[data-control='step']").click()
    expect(teacher.page.locator("#step-now")).to_have_text("1")
    teacher.page.locator("#class-take-over").click()
    expect(teacher.page.locator("#class-replaced")).to_be_hidden()
    expect(second.locator("#class-replaced")).to_be_visible()
    teacher.page.locator("button[data-control='step']").click()
    expect(second.locator("#step-now")).to_have_text("2")
    assert teacher.api("GET", f"/api/v1/sessions/{session_id}")[1]["step"] == 2
    assert teacher.errors == [] and second_errors == []


def secrets_in(text: str, secrets: list[str]) -> list[str]:
    return [secret for secret in secrets if secret in text]


def revealed_answers(value: Any) -> list[Any]:
    """Every non-null ``answer`` in a JSON value (an unrevealed one must never be there)."""
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "answer" and item is not None:
                found.append(item)
            found.extend(revealed_answers(item))
    elif isinstance(value, list):
        for item in value:
            found.extend(revealed_answers(item))
    return found


def test_a_projector_and_a_student_never_read_names_tokens_or_the_answer(
        browser: Browser, live_server: ServerProcess, people: list[Person]) -> None:
    teacher = person(browser, live_server, people)
    _session, code, owner_token = start_class(teacher)
    alice = person(browser, live_server, people)
    status, joined = alice.api("POST", f"/api/v1/classes/{code}/students", {"name": "Alice"})
    assert status == 201, joined
    bob = person(browser, live_server, people)
    join_class(bob.page, code, "Bobby Tables")
    bob_token = next(c["value"] for c in bob.context.cookies() if c["name"] == f"hl_c_{code}")
    status, poll = teacher.api("POST", f"/api/v1/classes/{code}/polls", {
        "question": {"text": QUESTION, "choices": ["rsp_prod", "req_prod", "req_event"],
                     "answer": 1}, "seconds": 120})
    assert status == 201 and poll["answer"] == 1
    path = f"/api/v1/classes/{code}/polls/{poll['id']}/answers"
    assert bob.api("POST", path, {"choice": 1})[0] == 200
    secrets = [owner_token, joined["student_token"], bob_token, "Bobby Tables"]

    frames: dict[str, list[str]] = {"alice": [], "projector": []}
    projector = person(browser, live_server, people)
    for who, someone in (("alice", alice), ("projector", projector)):
        someone.page.on("websocket", lambda ws, who=who: ws.on(
            "framereceived", lambda payload, who=who: frames[who].append(str(payload))))
    alice.page.goto(f"/c/{code}/student?lang=en")
    projector.page.goto(f"/c/{code}/projector?lang=en")
    for someone in (alice, projector):
        expect(someone.page.locator("#poll-question")).to_have_text(QUESTION)
        expect(someone.page.locator("#poll-answers")).to_have_text("Answers: 1")
        expect(someone.page.locator(".correct")).to_have_count(0)
    expect(alice.page.locator("#class-title")).to_contain_text("Alice")
    alice.page.wait_for_timeout(500)  # let the socket's first messages arrive

    readings = {
        "alice page": alice.page.content(),
        "alice html": alice.context.request.get(f"/c/{code}/student").text(),
        "projector page": projector.page.content(),
        "projector html": projector.context.request.get(f"/c/{code}/projector").text(),
    }
    jsons = {
        "class": projector.api("GET", f"/api/v1/classes/{code}")[1],
        "poll": projector.api("GET", f"/api/v1/classes/{code}/polls/{poll['id']}")[1],
        "alice class": alice.api("GET", f"/api/v1/classes/{code}")[1],
        "alice me": alice.api("GET", f"/api/v1/classes/{code}/students/me")[1],
    }
    for name, html in readings.items():
        assert secrets_in(html, secrets) == [], name
        assert "Alice" not in html or name.startswith("alice"), name
        for block in re.findall(r'<script type="application/json"[^>]*>(.*?)</script>', html, re.S):
            assert revealed_answers(json.loads(block)) == [], name
    for name, value in jsons.items():
        text = json.dumps(value)
        assert secrets_in(text, secrets) == [], name
        assert "Alice" not in text or name == "alice me", name
    assert revealed_answers({k: v for k, v in jsons.items() if k != "alice me"}) == []
    assert jsons["alice me"]["answer"] is None  # Alice did not answer; Bob's answer stays his
    for who, received in frames.items():
        assert received, f"{who} read no socket message"
        text = "\n".join(received)
        assert secrets_in(text, secrets) == [], who
        assert "Alice" not in text, who
        assert re.search(r'"answer":\s*1', text) is None, who
    assert teacher.api("GET", f"/api/v1/classes/{code}/dashboard")[0] == 200
    assert alice.api("GET", f"/api/v1/classes/{code}/dashboard")[0] == 403
    assert projector.api("GET", f"/api/v1/classes/{code}/dashboard")[0] == 403
    for someone in people:
        assert someone.errors == [], someone.errors
