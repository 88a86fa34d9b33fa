// The projector's side of a live class: the question, its choices, the countdown and the
// number of answers while the vote is open; once closed, the distribution as a bar chart;
// the correct choice only after the reveal. No controls, no names: only the public state.
import { $, LETTERS, el, fmt, words } from "./classroom_common.js";

const SKY = "#56B4E9", GREEN = "#009E73", INK = "#111";

function plotly() {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  const script = $("plotly-script");
  return new Promise((resolve) => script.addEventListener("load", () => resolve(window.Plotly), { once: true }));
}

export class Projector {
  constructor(shared) {
    this.s = shared;
    this.drawn = "";
  }

  classChanged(_cls, poll) {
    if (!poll) return;
    const { t, lang } = this.s;
    const revealed = poll.state === "revealed";
    $("poll-choice-list").replaceChildren(...poll.choices.map((choice, index) => {
      const right = revealed && index === poll.answer;
      return el("li", { className: right ? "correct" : undefined, dataset: { choice: index } }, [
        words(choice, lang), right ? el("span", { className: "correct-mark", text: ` ✓ ${t.correct_answer}` }) : "",
      ]);
    }));
    const results = poll.state === "closed" || revealed;
    $("poll-results").hidden = !results;
    if (results) this.chart(poll);
  }

  async chart(poll) {
    const { t } = this.s;
    const revealed = poll.state === "revealed";
    const counts = poll.counts || poll.choices.map(() => 0);
    const letters = poll.choices.map((_c, index) => LETTERS[index]);
    const correct = (index) => revealed && index === poll.answer;
    $("poll-summary").replaceChildren(...letters.map((letter, index) => el("li", {
      text: fmt(t.summary, { letter, count: counts[index] ?? 0 }) + (correct(index) ? ` (${t.correct_answer})` : ""),
    })));
    const key = JSON.stringify([poll.id, poll.state, counts]);
    if (key === this.drawn) return;
    this.drawn = key;
    const Plotly = await plotly();
    const size = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
    Plotly.react("poll-chart", [{
      type: "bar", x: letters.map((letter, index) => (correct(index) ? `✓ ${letter}` : letter)), y: counts,
      marker: {
        color: letters.map((_l, index) => (correct(index) ? GREEN : SKY)),
        pattern: { shape: letters.map((_l, index) => (revealed && !correct(index) ? "/" : "")) },
        line: { color: INK, width: 2 },
      },
      text: counts.map(String), textposition: "outside", cliponaxis: false, hoverinfo: "none",
    }], {
      title: { text: t.chart_title, font: { size: Math.round(size * 1.1) } },
      font: { family: "system-ui, sans-serif", size: Math.max(20, Math.round(size * 0.9)), color: INK },
      margin: { l: 64, r: 16, t: 64, b: 64 },
      xaxis: { title: { text: t.axis_choice }, automargin: true, fixedrange: true },
      yaxis: { title: { text: t.axis_count }, rangemode: "tozero", automargin: true, fixedrange: true,
        ...(Math.max(0, ...counts) <= 10 ? { dtick: 1 } : {}) },
      paper_bgcolor: "#fff", plot_bgcolor: "#fff", showlegend: false, uirevision: "class-poll",
    }, { displayModeBar: false, responsive: true, staticPlot: true });
  }
}
