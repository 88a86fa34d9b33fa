"""Progress and exercise sets in real browsers: a learner does exercises, exports the progress
file, and a fresh browser imports it and sees the same progress; a teacher uploads a set, a
student opens its link, reaches a goal, and the class dashboard shows it. English and French."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.labpages import join_class
from tests.e2e.server import ServerProcess
from tests.e2e.test_class import Person, people, person  # noqa: F401  (a fixture)
from webapp.model import exercises

KIND = "lifecycle.after_action"
WORDS = {
    "en": {"saved": "Name saved.", "imported": "Imported: 2 exercises", "solved": "1 of 2 started",
           "field": "exercises[0].seed", "refused": "The set was refused",
           "ready": "The set is ready", "reached": "reached", "goals": "2 of 3 goals"},
    "fr": {"saved": "Nom enregistré.", "imported": "Importé : 2 exercices",
           "solved": "1 sur 2 commencés", "field": "exercises[0].seed",
           "refused": "La série a été refusée", "ready": "La série est prête",
           "reached": "atteint", "goals": "2 objectifs sur 3"},
}


def exercise(learner: Person, seed: int, right: bool) -> str:
    """An instance answered wrong once, then right (or its worked answer shown)."""
    status, made = learner.api("POST", f"/api/v1/exercises/{KIND}/instances",
                               {"seed": seed, "level": 1})
    assert status == 201, made
    instance = made["instance"]
    truth = exercises.generate(KIND, seed, 1).truth
    wrong = {**truth, "state": "crashed" if truth["state"] != "crashed" else "paused"}
    status, graded = learner.api("POST", f"/api/v1/exercises/instances/{instance}/answers",
                                 {"answer": wrong})
    assert status == 200 and graded["correct"] is False, graded
    then = ("answers", {"answer": truth}) if right else ("reveal", {})
    status, body = learner.api("POST", f"/api/v1/exercises/instances/{instance}/{then[0]}",
                               then[1])
    assert status == 200, body
    return str(instance)


def unexpected(errors: list[str]) -> list[str]:
    """The console errors but the one a refused file logs (Chromium logs every 4xx fetch)."""
    return [e for e in errors if "status of 422" not in e]


def totals(someone: Person) -> dict[str, Any]:
    status, body = someone.api("GET", "/api/v1/progress")
    assert status == 200
    return dict(body["totals"])


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_an_exported_progress_file_brings_the_progress_to_a_fresh_browser(
        browser: Browser, live_server: ServerProcess, people: list[Person],  # noqa: F811
        tmp_path: Path, lang: str) -> None:
    words = WORDS[lang]
    learner = person(browser, live_server, people, accept_downloads=True)
    page = learner.page
    page.goto(f"/progress?lang={lang}")
    exercise(learner, 11, right=True)
    exercise(learner, 12, right=False)
    page.locator("#progress-name").fill("Ada")
    page.locator("#name-save").click()
    expect(page.locator("#name-note")).to_have_text(words["saved"])
    page.reload()
    expect(page.locator("#total-solved")).to_have_text(words["solved"])
    expect(page.locator(f"tr[data-kind='{KIND}'] td.attempts")).to_have_text("3")

    with page.expect_download() as download:
        page.locator("#progress-export").click()
    assert re.fullmatch(r"hypervisor-lab-progress-\d{4}-\d{2}-\d{2}\.json",
                        download.value.suggested_filename)
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    document = json.loads(saved.read_text(encoding="utf-8"))
    assert document["name"] == "Ada" and len(document["exercises"]) == 2

    fresh = person(browser, live_server, people)
    fresh.page.goto(f"/progress?lang={lang}")
    expect(fresh.page.locator("#total-solved")).not_to_have_text(words["solved"])
    fresh.page.locator("#progress-import").set_input_files(str(saved))
    expect(fresh.page.locator("#import-note")).to_contain_text(words["imported"])
    expect(fresh.page.locator("#total-solved")).to_have_text(words["solved"])
    assert totals(fresh) == totals(learner)
    fresh.page.reload()
    expect(fresh.page.locator("#progress-name")).to_have_value("Ada")

    broken = tmp_path / "broken.json"
    document["exercises"][0]["seed"] = -1
    broken.write_text(json.dumps(document), encoding="utf-8")
    fresh.page.locator("#progress-import").set_input_files(str(broken))
    expect(fresh.page.locator("#import-note")).to_contain_text(words["field"])
    expect(fresh.page.locator("#import-note")).to_have_class(re.compile("bad"))
    assert totals(fresh) == totals(learner), "a refused file changes nothing"
    assert learner.errors == [] and unexpected(fresh.errors) == []


def answer_in_the_panel(student: Person) -> None:
    """Answer the problem the lab page's exercises panel shows, right (the model's answer)."""
    page = student.page
    expect(page.locator("#ex-problem")).to_be_visible()
    instance = page.url.rsplit("exercise=", 1)[1]
    status, found = student.api("GET", f"/api/v1/exercises/instances/{instance}")
    assert status == 200, found
    question = found["question"]
    truth = exercises.generate(question["kind"], question["seed"], question["level"]).truth
    page.locator("#ex-answer select[name=state]").select_option(truth["state"])
    page.locator("#ex-answer input[name=flags]").fill(truth["flags"])
    page.locator("#ex-check").click()
    expect(page.locator("#ex-feedback")).to_have_class(re.compile(r"\bright\b"))


def a_set() -> dict[str, Any]:
    return {"version": 1, "title": "Pause db", "lab": "lifecycle", "scenario": "lifecycle-basics",
            "seeds": {"min": 3, "max": 9},
            "exercises": [{"kind": KIND, "levels": [1]}],
            "goals": [{"type": "condition", "text": "Pause db",
                       "done": {"domain": "db", "state": "paused"}},
                      {"type": "condition", "text": "Save db",
                       "done": {"event": "save.complete", "data": {"domain": "db"}}},
                      {"type": "exercise", "text": "One right answer", "kind": KIND,
                       "level": 1, "count": 1}]}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_teacher_shares_a_set_and_sees_a_students_progress_in_class(
        browser: Browser, live_server: ServerProcess, people: list[Person],  # noqa: F811
        tmp_path: Path, lang: str) -> None:
    words = WORDS[lang]
    teacher = person(browser, live_server, people)
    bad = tmp_path / "bad-set.json"
    bad.write_text(json.dumps({**a_set(), "seeds": {"min": 1}}), encoding="utf-8")
    good = tmp_path / "set.json"
    good.write_text(json.dumps(a_set()), encoding="utf-8")
    teacher.page.goto(f"/sets/new?lang={lang}")
    teacher.page.locator("#set-file").set_input_files(str(bad))
    teacher.page.locator("#set-upload-go").click()
    expect(teacher.page.locator("#set-note")).to_contain_text(words["refused"])
    expect(teacher.page.locator("#set-note")).to_contain_text("seeds.max")
    assert len(teacher.errors) == 1 and not unexpected(teacher.errors)
    teacher.errors.clear()
    teacher.page.locator("#set-file").set_input_files(str(good))
    teacher.page.locator("#set-upload-go").click()
    expect(teacher.page.locator("#set-made")).to_be_visible()
    expect(teacher.page.locator("#set-made")).to_contain_text(words["ready"])
    link = teacher.page.locator("#set-link").input_value()
    assert re.fullmatch(rf"{re.escape(live_server.url)}/sets/[A-Za-z0-9_-]+", link)

    # the teacher runs a class on the set (from the set's page, with the class code)
    status, session = teacher.api("POST", "/api/v1/sessions", {"scenario": "lifecycle-basics"})
    assert status == 201
    code = teacher.api("POST", "/api/v1/classes", {"session": session["id"]})[1]["code"]
    teacher.page.goto(link)
    teacher.page.locator("#set-class-code").fill(code.lower())
    teacher.page.locator("#set-assign button[type=submit]").click()
    expect(teacher.page.locator("#set-note")).to_contain_text(code)

    # a student joins the class, opens the link, opens the scenario and reaches a goal
    student = person(browser, live_server, people)
    join_class(student.page, code, "Ada", lang=lang)
    student.page.goto(link)
    expect(student.page.locator("#set-title")).to_have_text("Pause db")
    expect(student.page.locator("#set-goals li[data-done='false']")).to_have_count(3)
    student.page.locator("#set-open-scenario").click()
    student.page.wait_for_url(re.compile(r"/s/[A-Za-z0-9_-]+$"))
    expect(student.page.locator("#lab")).to_have_attribute("data-mode", "driver")
    session_id = student.page.url.rsplit("/", 1)[1]
    status, body = student.api("POST", f"/api/v1/sessions/{session_id}/actions",
                               {"action": "pause", "target": "db"})
    assert status == 200, body
    student.page.goto(link)
    first = student.page.locator("#set-goals li").first
    expect(first).to_have_attribute("data-done", "true")
    expect(first).to_contain_text(words["reached"])

    # a "Start" of the set's exercise opens it on the student's session of the set, where the
    # student answers it right in the exercises panel
    student.page.locator("button.start-exercise").first.click()
    student.page.wait_for_url(re.compile(rf"/s/{session_id}\?exercise=[A-Za-z0-9_-]+$"))
    answer_in_the_panel(student)
    student.page.goto(link)
    expect(student.page.locator("#set-goals li[data-done='true']")).to_have_count(2)

    teacher.page.goto(f"/c/{code}?lang={lang}")
    row = teacher.page.locator("#dashboard-body tr", has=teacher.page.locator(
        "td.name", has_text="Ada"))
    expect(row.locator("td.set-progress")).to_contain_text(words["goals"])
    expect(teacher.page.locator("#dashboard-set-link")).to_have_text("Pause db")
    assert teacher.errors == [] and student.errors == []
