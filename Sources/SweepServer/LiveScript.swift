import SweepWire

/// The study page's script: it polls `GET /api/studies/NAME/live` with the feed cursor about once
/// a second (`LiveAPI`) and updates the page in place: the counts, the best trial, the trial
/// table's rows (new trials appended, states, last steps and values changed) and the plot (running
/// trials' lines redrawn as they grow, finished ones restyled, new ones added). New points are
/// drawn in the coordinates the server drew the plot in; when they fall outside its range, the
/// group of lines is moved and scaled (strokes keep their width) and the labels rewritten.
/// A page whose plot is transformed (`CurveView`: another metric, log scale, smoothing) says
/// `data-plot-live="false"`: its plot is left as drawn (the page says "not live: reload"), the
/// rest updates. Every name and value goes into the page as text, never as markup. No library,
/// nothing loaded.
enum LiveScript {
    /// How long the script waits between two answers, and after a failed one, in milliseconds.
    static let interval = 800
    static let retryInterval = 5_000

    static var source: String {
        let styles = (try? Wire.text(CurvesPlot.styles)) ?? "{}"
        return #"""
            (() => {
              const root = document.getElementById('study');
              const svg = document.getElementById('curves');
              const tbody = document.getElementById('trials');
              if (!root || !svg || !tbody) return;
              const NS = 'http://www.w3.org/2000/svg';
              const styles = \#(styles);
              const states = root.dataset.states.split(' ');
              const objective = root.dataset.objective;
              const listed = Number(root.dataset.listed);
              const plotLive = root.dataset.plotLive !== 'false';
              const status = document.getElementById('live');
              const lines = svg.querySelector('g.lines');
              const pad = Number(svg.dataset.pad);
              const w = Number(svg.getAttribute('width')) - 2 * pad, h = Number(svg.getAttribute('height')) - 2 * pad;
              const factor = Number(svg.dataset.factor);
              let cursor = root.dataset.cursor;
              let best = root.dataset.best === '' ? null : Number(root.dataset.best);
              let empty = svg.dataset.empty === 'true';
              // base: the range the server drew in (every path's coordinates); range: what is shown.
              let base = { x0: Number(svg.dataset.first), x1: Number(svg.dataset.last), y0: Number(svg.dataset.low), y1: Number(svg.dataset.high) };
              let range = { ...base };

              const text = v => (v === null || v === undefined) ? '–' : String(v);
              // Axis labels to 4 significant digits and the headline's best to 6, as the server writes them.
              const short = (v, digits = 4) => Number.isFinite(v) ? String(Number(v.toPrecision(digits))) : text(v);
              const px = (r, s) => pad + w * (s - r.x0) / Math.max(r.x1 - r.x0, 1);
              const py = (r, v) => pad + h * (1 - (v - r.y0) / (r.y1 > r.y0 ? r.y1 - r.y0 : 1));
              const scaled = v => (v === null ? NaN : v * factor);
              const kind = (state, number) => number === best ? 'best' : state === 'complete' ? 'complete' : state === 'running' ? 'running' : 'dim';
              const pathOf = n => (n === null ? null : lines.querySelector(`path[data-trial="${n}"]`));

              // Widens the range to hold the points; true when it changed.
              function grow(points) {
                let r = empty ? null : { ...range };
                for (const [s, v] of points) {
                  const y = scaled(v);
                  if (!Number.isFinite(y)) continue;
                  r = r ? { x0: Math.min(r.x0, s), x1: Math.max(r.x1, s), y0: Math.min(r.y0, y), y1: Math.max(r.y1, y) } : { x0: s, x1: s, y0: y, y1: y };
                }
                if (!r) return false;
                const first = empty;
                if (empty) {
                  empty = false;
                  base = { ...r };
                  svg.querySelector('text.empty')?.remove();
                }
                const changed = r.x0 !== range.x0 || r.x1 !== range.x1 || r.y0 !== range.y0 || r.y1 !== range.y1;
                range = r;
                return changed || first;
              }

              // Maps the base coordinates of every line onto the range shown, and relabels.
              function place() {
                const bw = Math.max(base.x1 - base.x0, 1), rw = Math.max(range.x1 - range.x0, 1);
                const bh = base.y1 > base.y0 ? base.y1 - base.y0 : 1, rh = range.y1 > range.y0 ? range.y1 - range.y0 : 1;
                const a = bw / rw, e = pad + w * (base.x0 - range.x0) / rw - pad * a;
                const d = bh / rh, f = pad + h - h * (base.y0 - range.y0 + bh) / rh - pad * d;
                lines.setAttribute('transform', `matrix(${a} 0 0 ${d} ${e} ${f})`);
                svg.querySelector('text.high').textContent = short(range.y1 / factor);
                svg.querySelector('text.low').textContent = short(range.y0 / factor);
                svg.querySelector('text.steps').textContent = `steps ${range.x0}–${range.x1}`;
              }

              function pathData(points) {
                let d = '', pen = false;
                for (const [s, v] of points) {
                  const y = scaled(v);
                  if (!Number.isFinite(y)) { pen = false; continue; }
                  d += (pen ? 'L' : 'M') + px(base, s).toFixed(2) + ' ' + py(base, y).toFixed(2) + (pen ? '' : 'l0 0');
                  pen = true;
                }
                return d;
              }

              function restyle(path) {
                const style = styles[kind(path.dataset.state, Number(path.dataset.trial))];
                for (const key in style) path.setAttribute(key, style[key]);
              }

              function draw(trial) {
                const d = pathData(trial.points);
                let path = pathOf(trial.number);
                // A trial sent without its points (one of very many finished at once) keeps its line, restyled.
                if (!d) { if (path) { path.dataset.state = trial.state; restyle(path); } return; }
                if (!path) {
                  path = document.createElementNS(NS, 'path');
                  path.dataset.trial = trial.number;
                  for (const [key, value] of [['fill', 'none'], ['stroke-linecap', 'round'], ['vector-effect', 'non-scaling-stroke']]) path.setAttribute(key, value);
                  path.appendChild(document.createElementNS(NS, 'title'));
                  if (kind(trial.state, trial.number) === 'dim') lines.insertBefore(path, lines.firstChild); else lines.appendChild(path);
                }
                path.dataset.state = trial.state;
                path.setAttribute('d', d);
                path.querySelector('title').textContent = `trial ${trial.number} (${trial.state})`;
                restyle(path);
              }

              function row(trial) {
                let tr = tbody.querySelector(`tr[data-trial="${trial.number}"]`);
                if (!tr) {
                  // A new trial gets a row only where it belongs: the last page in number order, unfiltered.
                  if (root.dataset.append !== 'true' || tbody.rows.length >= listed) return;
                  tr = document.createElement('tr');
                  tr.dataset.trial = trial.number;
                  for (const c of ['pick', 'n', 'state', 'n step', 'n value', 'params']) tr.appendChild(document.createElement('td')).className = c;
                  const box = tr.cells[0].appendChild(document.createElement('input'));
                  box.type = 'checkbox';
                  box.value = trial.number;
                  box.setAttribute('aria-label', `compare trial ${trial.number}`);
                  const link = tr.cells[1].appendChild(document.createElement('a'));
                  link.href = `${root.dataset.page}/trials/${trial.number}`;
                  link.textContent = trial.number;
                  tr.cells[5].textContent = Object.keys(trial.params).sort().map(k => `${k}=${text(trial.params[k])}`).join(' ');
                  tbody.appendChild(tr);
                }
                tr.cells[2].textContent = trial.state;
                if (trial.last_step !== undefined || trial.state === 'running') tr.cells[3].textContent = text(trial.last_step);
                tr.cells[4].textContent = text(trial.value);
              }

              function apply(update) {
                cursor = update.cursor;
                const counts = update.trials;
                const total = Object.values(counts).reduce((a, b) => a + b, 0);
                const parts = states.filter(s => counts[s]).map(s => `${counts[s]} ${s}`);
                document.getElementById('counts').textContent = `${total} trials` + (parts.length ? ': ' + parts.join(', ') : '');
                document.getElementById('best').textContent = update.best_trial === undefined
                  ? 'no trial completed yet' : `best: trial ${update.best_trial}, ${objective} = ${short(update.best, 6)}`;
                const trials = [...update.finished, ...update.running].sort((a, b) => a.number - b.number);
                const previous = best;
                best = update.best_trial ?? null;
                if (plotLive) {
                  const moved = grow(trials.flatMap(t => t.points));
                  for (const n of [previous, best]) { const p = pathOf(n); if (p) restyle(p); }
                  for (const trial of trials) draw(trial);
                  const top = pathOf(best);
                  if (top) lines.appendChild(top);
                  if (moved) place();
                }
                for (const trial of trials) row(trial);
              }

              async function poll() {
                let wait = \#(interval);
                if (!document.hidden) {
                  try {
                    const answer = await fetch(`${root.dataset.live}?cursor=${encodeURIComponent(cursor)}`, { cache: 'no-store' });
                    if (!answer.ok) throw new Error(`HTTP ${answer.status}`);
                    apply(await answer.json());
                    status.textContent = 'live';
                    status.title = `updated ${new Date().toLocaleTimeString()}`;
                  } catch (error) {
                    status.textContent = `not updating (${error.message}); trying again`;
                    wait = \#(retryInterval);
                  }
                }
                setTimeout(poll, wait);
              }
              setTimeout(poll, \#(interval));
            })();
            """#
    }
}
