/// The judging pages' scripts: the judge's name kept in the browser, answering the queue's
/// questions, labelling pairs. They post JSON to `JudgeAPI` and say what the server answered.
enum JudgeScript {
    /// `judgeName()`: the name in the page's name box, remembered across pages and visits.
    static let name = """
        const nameBox = document.getElementById('judge-name');
        nameBox.value = localStorage.getItem('sweep-judge-name') || '';
        nameBox.addEventListener('change', () => localStorage.setItem('sweep-judge-name', nameBox.value.trim()));
        function judgeName() { return nameBox.value.trim() || null; }
        async function post(url, body) {
          const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
          let answer = {};
          try { answer = await response.json(); } catch (e) {}
          return { ok: response.ok, answer };
        }

        """

    /// Answers a question (prune or continue, with the reason typed); polls the open questions
    /// each second and reloads when they change, unless the person is typing a reason.
    static let queue = """
        const queue = document.getElementById('queue');
        const api = queue.dataset.api;
        queue.addEventListener('click', async (event) => {
          const button = event.target.closest('button[data-prune]');
          if (!button) return;
          const card = button.closest('section.checkpoint'), status = card.querySelector('.status');
          card.querySelectorAll('button').forEach(b => b.disabled = true);
          const reason = card.querySelector('.reason').value.trim() || null;
          const { ok, answer } = await post(`${api}/checkpoints/${card.dataset.id}/answer`,
            { prune: button.dataset.prune === 'true', reason, by: judgeName() });
          status.textContent = ok ? `answered: ${answer.status}` : (answer.error || 'not stored');
          card.classList.add(ok ? 'answered' : 'refused');
          // Answered here (or elsewhere, when refused): it leaves the open set without a reload.
          queue.dataset.ids = queue.dataset.ids.split(',').filter(id => id && id !== card.dataset.id).join(',');
        });
        function countdown() {
          for (const time of document.querySelectorAll('time.deadline')) {
            const left = Math.round((Date.parse(time.getAttribute('datetime')) - Date.now()) / 1000);
            time.textContent = left > 0 ? `in ${left} s` : 'now';
          }
        }
        countdown();
        setInterval(countdown, 1000);
        setInterval(async () => {
          if (document.activeElement && document.activeElement.classList.contains('reason')) return;
          try {
            const response = await fetch(`${api}/checkpoints`);
            if (!response.ok) return;
            const ids = (await response.json()).map(q => String(q.id)).join(',');
            if (ids !== queue.dataset.ids) location.reload();
          } catch (e) {}
        }, 1000);

        """

    /// Stores the label the person clicks, then shows the next pair.
    static let pair = """
        const pair = document.getElementById('pair');
        if (pair) pair.addEventListener('click', async (event) => {
          const button = event.target.closest('button[data-choice]');
          if (!button) return;
          pair.querySelectorAll('button').forEach(b => b.disabled = true);
          const { ok, answer } = await post(`${pair.dataset.api}/labels`, {
            first: Number(pair.dataset.first), second: Number(pair.dataset.second), choice: button.dataset.choice, by: judgeName() });
          pair.querySelector('.status').textContent = ok ? 'stored' : (answer.error || 'not stored');
          if (ok) location.reload();
          else pair.querySelectorAll('button').forEach(b => b.disabled = false);
        });

        """
}
