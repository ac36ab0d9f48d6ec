"""GitHub Actions workflows: linted (actionlint), audited (zizmor, offline), checked for the
project's rules, and the commands they run (validation summary, freshness list) tested.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from jachete.cli import cli
from jachete.from_issue import FORMS, Result, report
from jachete.problems import Problem
from jachete.record_yaml import dump
from jachete.review import format_markdown

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
FILES = sorted(WORKFLOWS.glob("*.yml"))
BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    found = BIN / name if (BIN / name).exists() else shutil.which(name)
    assert found, f"{name} is missing: run `make install-dev`"
    return str(found)


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    on = workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key `on` as true
    return on if isinstance(on, dict) else {name: None for name in ([on] if isinstance(on, str) else on)}


def steps(workflow: dict):
    for name, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield name, step


def test_there_are_workflows() -> None:
    assert {p.name for p in FILES} >= {"verifications.yml", "commentaire.yml", "publication.yml",
                                       "demande.yml", "fraicheur.yml", "seao.yml"}


def test_actionlint_reports_nothing() -> None:
    proc = subprocess.run([tool("actionlint"), "-no-color", *map(str, FILES)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=False)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "", "")


def test_zizmor_reports_nothing() -> None:
    proc = subprocess.run([tool("zizmor"), "--offline", "--no-progress", "--color=never", str(WORKFLOWS),
                           str(ROOT / ".github" / "dependabot.yml"), str(ROOT / ".pre-commit-config.yaml")],
                          cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "No findings to report" in proc.stdout


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_least_privilege_and_pinning(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    workflow = load(path)
    assert workflow["permissions"] == {}
    assert "concurrency" in workflow
    assert "pull_request_target" not in text
    for name, job in workflow["jobs"].items():
        assert "permissions" in job, name
        assert "timeout-minutes" in job, name
    for line in text.splitlines():
        if re.match(r"\s*(- )?uses:", line):
            assert re.fullmatch(r"\s*(- )?uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+", line), line
    for name, step in steps(workflow):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False, name
        # Expressions never reach a shell script: values go through env.
        assert "${{" not in step.get("run", ""), (name, step.get("name"))


def test_only_the_named_jobs_can_write() -> None:
    writers = {}
    for path in FILES:
        for name, job in load(path)["jobs"].items():
            scopes = sorted(k for k, v in job["permissions"].items() if v == "write")
            if scopes:
                writers[f"{path.name}:{name}"] = scopes
    assert writers == {
        "commentaire.yml:commenter": ["pull-requests"],
        "demande.yml:publier": ["contents", "issues", "pull-requests"],
        "etiquettes.yml:synchroniser": ["issues"],
        "fraicheur.yml:signaler": ["issues"],
        "publication.yml:deployer": ["id-token", "pages"],
        "seao.yml:proposer": ["contents", "pull-requests"],
    }
    # The jobs holding a write token run no project code (no install, no make, no .venv).
    for key in writers:
        file, name = key.split(":")
        for step in load(WORKFLOWS / file)["jobs"][name]["steps"]:
            assert not re.search(r"\bmake\b|\.venv|pip ", step.get("run", "")), key


def test_pull_request_checks_and_sticky_comment() -> None:
    checks = load(WORKFLOWS / "verifications.yml")
    assert set(triggers(checks)) == {"pull_request", "workflow_dispatch"}
    runs = "\n".join(step.get("run", "") for _, step in steps(checks))
    for command in ("jachete validate --format github", "jachete validate --format markdown",
                    '>> "$GITHUB_STEP_SUMMARY"', "make site", "make test"):
        assert command in runs, command
    # The browser tests drive the runner's own Chrome: no browser is installed or downloaded.
    tests_env = [s.get("env", {}) for _, s in steps(checks) if "make test" in s.get("run", "")]
    assert tests_env == [{"JACHETE_CHROMIUM": "/usr/bin/google-chrome"}]
    comment = load(WORKFLOWS / "commentaire.yml")
    assert triggers(comment)["workflow_run"]["workflows"] == [checks["name"]]
    # The checks run hands over only the built site, for reviewers (linked from the comment).
    uploads = [(job, s["with"]) for job, s in steps(checks) if "upload-artifact" in s.get("uses", "")]
    assert uploads == [("site", {"name": "site", "path": "site/", "retention-days": 7, "if-no-files-found": "error"})]
    run = "\n".join(s.get("run", "") for _, s in steps(comment))
    assert '[.artifacts[] | select(.name == "site"' in run
    assert "/actions/runs/$RUN_ID/artifacts/$site_id" in run
    assert "--site-url" in run


def test_pages_deployment() -> None:
    workflow = load(WORKFLOWS / "publication.yml")
    assert triggers(workflow)["push"] == {"branches": ["main"]}
    uses = [s.get("uses", "").split("@")[0] for _, s in steps(workflow)]
    assert "actions/upload-pages-artifact" in uses and "actions/deploy-pages" in uses
    assert workflow["jobs"]["deployer"]["environment"]["name"] == "github-pages"


def test_issue_workflow_matches_the_forms_and_the_command() -> None:
    workflow = load(WORKFLOWS / "demande.yml")
    text = (WORKFLOWS / "demande.yml").read_text(encoding="utf-8")
    assert triggers(workflow)["issues"] == {"types": ["labeled", "edited"]}
    assert "github.event.label.name == 'accepter'" in workflow["jobs"]["convertir"]["if"]
    for form in FORMS.values():
        for label in form.labels:
            assert f"'{label}'" in workflow["jobs"]["convertir"]["if"]
    # The body reaches the command only through an environment variable and a file.
    [step] = [s for _, s in steps(workflow) if s.get("id") == "convertir"]
    assert step["env"]["ISSUE_BODY"] == "${{ github.event.issue.body }}"
    assert 'printf \'%s\' "$ISSUE_BODY" >' in step["run"]
    assert text.count("github.event.issue.body") == 1
    # The workflow reads the record path from the command's report.
    assert "s/^Fiche prête : //p" in step["run"]
    assert report(Result(kind="declaration", path="data/declarations/x.yml", text="")).startswith(
        "Fiche prête : data/declarations/x.yml\n")
    assert "Closes #" in text


def test_freshness_is_monthly() -> None:
    workflow = load(WORKFLOWS / "fraicheur.yml")
    [cron] = triggers(workflow)["schedule"]
    assert cron["cron"].split()[2:] == ["1", "*", "*"]
    runs = "\n".join(step.get("run", "") for _, step in steps(workflow))
    assert "jachete freshness --format markdown --exit-code" in runs


def test_seao_weekly_pull_request() -> None:
    workflow = load(WORKFLOWS / "seao.yml")
    on = triggers(workflow)
    assert set(on) == {"schedule", "workflow_dispatch"}
    [cron] = on["schedule"]
    assert cron["cron"].split()[2:] == ["*", "*", "2"]  # weekly
    jobs = workflow["jobs"]
    assert jobs["produire"]["permissions"] == {"contents": "read"}
    assert jobs["proposer"]["permissions"] == {"contents": "write", "pull-requests": "write"}
    assert jobs["proposer"]["needs"] == "produire"
    run = "\n".join(s.get("run", "") for s in jobs["produire"]["steps"])
    for command in ("jachete seao fetch", "jachete seao ingest", "jachete seao match", "jachete seao occasions"):
        assert command in run, command
    python = [s["with"] for s in jobs["produire"]["steps"] if "setup-python" in s.get("uses", "")]
    assert python == [{"python-version": "3.11", "cache": "pip", "cache-dependency-path": "requirements.txt"}]
    # Only the derived files and the summary cross to the job with a write token.
    [upload] = [s["with"] for s in jobs["produire"]["steps"] if "upload-artifact" in s.get("uses", "")]
    assert upload["path"].split() == ["sortie/resume.md", "sortie/seao/"]
    publish = "\n".join(s.get("run", "") for s in jobs["proposer"]["steps"])
    assert 'branche="seao-donnees"' in publish
    assert 'git push "$depot" "HEAD:refs/heads/$branche"' in publish
    # Never main, never forced, and a maintainer's commit on the branch stops the bot.
    assert not re.search(r"--force|\+HEAD|refs/heads/main|push .*main", publish)
    assert '"$auteur" != "$bot_email $bot_email"' in publish
    assert "gh pr create --base main --head \"$branche\"" in publish and "--label seao" in publish
    assert "gh pr edit \"$branche\" --body-file" in publish


# --- Validation summary (jachete validate --format markdown) -------------------------------------


def test_markdown_summary_is_inert() -> None:
    problems = [
        Problem("data/enterprises/a.yml", 3, 7, "error", "url-invalide", "site_web",
                "adresse « javascript:alert(1)|x » <script> pour @quelqu'un [lien](http://x)"),
        Problem("data/enterprises/a.yml", 0, 0, "warning", "neq-chiffre-controle", "neq", "à vérifier"),
    ]
    assert format_markdown(problems, 2) == (
        "<!-- jachete:resume-validation -->\n"
        "### Validation des fiches\n"
        "\n"
        "❌ 2 fichiers vérifiés : 1 erreur, 1 avertissement\n"
        "\n"
        "| Fichier | Ligne | Gravité | Code | Champ | Message |\n"
        "| --- | --- | --- | --- | --- | --- |\n"
        "| data/enterprises/a.yml | 3 | erreur | url-invalide | site\\_web | adresse « javascript:alert\\(1\\)\\|x » "
        "&lt;script&gt; pour @&#8203;quelqu'un \\[lien\\]\\(http\\://x\\) |\n"
        "| data/enterprises/a.yml |  | avertissement | neq-chiffre-controle | neq | à vérifier |\n"
    )
    assert format_markdown([], 5) == (
        "<!-- jachete:resume-validation -->\n### Validation des fiches\n\n"
        "✅ 5 fichiers vérifiés : 0 erreur, 0 avertissement\n")


def test_validate_markdown_format(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = _repo(tmp_path)
    record = yaml.safe_load(_declaration("ville-a", "Ville A", "2026-01-10"))
    record["organisme"]["region"] = "99"
    (repo / "data" / "declarations" / "ville-a.yml").write_text(dump(record, "declaration"), encoding="utf-8")
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(cli, ["validate", "--format", "markdown", "--today", "2026-11-27"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[:4] == ["<!-- jachete:resume-validation -->", "### Validation des fiches", "",
                         "❌ 1 fichier vérifié : 1 erreur, 0 avertissement"]
    assert lines[5:7] == ["| Fichier | Ligne | Gravité | Code | Champ | Message |",
                          "| --- | --- | --- | --- | --- | --- |"]
    assert lines[7].startswith("| data/declarations/ville-a.yml | 7 | erreur | ")
    assert "| organisme.region |" in lines[7]
    assert len(lines) == 8


# --- Freshness (jachete freshness) -----------------------------------------------------------------


def _repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    for name in ("reference", "schemas"):
        (repo / "data").mkdir(parents=True, exist_ok=True)
        shutil.copytree(ROOT / "data" / name, repo / "data" / name)  # a copy: links under data/ are refused
    for name in ("declarations", "enterprises"):
        (repo / "data" / name).mkdir()
    return repo


def _declaration(id: str, nom: str, adoptee: str, suivis: list[int] = ()) -> str:
    record = {
        "id": id, "organisme": {"nom": nom, "type": "municipalite", "site_web": f"https://{id}.example.ca/",
                                "region": "04"},
        "adoptee_le": dt.date.fromisoformat(adoptee), "resolution": "R-1",
        "signataire": {"nom": "Hélène Tremblay", "titre": "Mairesse"},
        "document_signe": f"https://{id}.example.ca/declaration.pdf",
    }
    if suivis:
        record["suivis"] = [{"annee": year} for year in suivis]
    return dump(record, "declaration")


def _enterprise(id: str, nom: str, updated: str, neq: str, exemple: bool = False) -> str:
    record = {
        "id": id, "nom": nom, "forme_juridique": "obnl", "neq": neq, "region": "04", "mrc": "371",
        "municipalite": "Trois-Rivières", "adresse": "1, rue des Forges", "code_postal": "G9A 2G8",
        "description": "Une entreprise.", "secteurs": ["alimentation"],
        "offres": [{"titre": "Repas", "description": "Des repas.", "unspsc": ["90101600"]}],
        "mise_a_jour": dt.date.fromisoformat(updated),
    }
    if exemple:
        record["exemple"] = True
    return dump(record, "entreprise")


@pytest.fixture
def freshness_repo(tmp_path: Path) -> Path:
    repo = _repo(tmp_path)
    declarations = {
        "ville-a": _declaration("ville-a", "Ville A", "2026-03-14"),  # over a year, no report
        "ville-b": _declaration("ville-b", "Ville B", "2026-03-14", [2026]),  # report for last year
        "ville-c": _declaration("ville-c", "Ville C | <b>@x</b>", "2024-01-10", [2024, 2025]),  # latest too old
        "ville-d": _declaration("ville-d", "Ville D", "2026-06-01"),  # less than a year
        "ville-e": _declaration("ville-e", "Ville E", "2026-04-15"),  # exactly a year
    }
    enterprises = {
        "coop-x": _enterprise("coop-x", "Coop X", "2025-04-15", "1171234561"),  # exactly two years
        "coop-y": _enterprise("coop-y", "Coop Y", "2025-04-16", "1145678901"),  # not yet
        "coop-z": _enterprise("coop-z", "Coop Z", "2020-01-01", "1165432106", exemple=True),  # demo
    }
    for id, text in declarations.items():
        (repo / "data" / "declarations" / f"{id}.yml").write_text(text, encoding="utf-8")
    for id, text in enterprises.items():
        (repo / "data" / "enterprises" / f"{id}.yml").write_text(text, encoding="utf-8")
    return repo


def test_freshness_text(freshness_repo: Path) -> None:
    result = CliRunner().invoke(cli, ["freshness", "--root", str(freshness_repo), "--today", "2027-04-15"])
    assert result.exit_code == 0
    assert result.output == (
        "Déclarations sans rapport de suivi récent : 3\n"
        "  data/declarations/ville-c.yml  Ville C | <b>@x</b> — adoptée le 10 janvier 2024, dernier rapport : 2025\n"
        "  data/declarations/ville-a.yml  Ville A — adoptée le 14 mars 2026, dernier rapport : aucun\n"
        "  data/declarations/ville-e.yml  Ville E — adoptée le 15 avril 2026, dernier rapport : aucun\n"
        "Fiches d'entreprises non mises à jour depuis deux ans : 1\n"
        "  data/enterprises/coop-x.yml  Coop X — mise à jour le 15 avril 2025\n"
    )


def test_freshness_markdown(freshness_repo: Path) -> None:
    result = CliRunner().invoke(cli, ["freshness", "--root", str(freshness_repo), "--today", "2027-04-15",
                                      "--format", "markdown", "--exit-code"])
    assert result.exit_code == 1
    assert result.output == (
        "<!-- jachete:fraicheur -->\n"
        "Liste établie le 15 avril 2027.\n"
        "\n"
        "## Déclarations sans rapport de suivi récent (3)\n"
        "\n"
        "Adoptées il y a plus d'un an, sans rapport de suivi pour 2026 ou après : inviter l'organisme à "
        "transmettre son rapport.\n"
        "\n"
        "| Organisme | Fichier | Adoptée le | Dernier rapport |\n"
        "| --- | --- | --- | --- |\n"
        "| Ville C \\| &lt;b&gt;@&#8203;x&lt;/b&gt; | data/declarations/ville-c.yml | 10 janvier 2024 | 2025 |\n"
        "| Ville A | data/declarations/ville-a.yml | 14 mars 2026 | aucun |\n"
        "| Ville E | data/declarations/ville-e.yml | 15 avril 2026 | aucun |\n"
        "\n"
        "## Fiches d'entreprises non mises à jour depuis deux ans (1)\n"
        "\n"
        "Demander à l'entreprise de confirmer ou de corriger sa fiche.\n"
        "\n"
        "| Entreprise | Fichier | Mise à jour le |\n"
        "| --- | --- | --- |\n"
        "| Coop X | data/enterprises/coop-x.yml | 15 avril 2025 |\n"
    )


def test_freshness_nothing_to_do(freshness_repo: Path) -> None:
    result = CliRunner().invoke(cli, ["freshness", "--root", str(freshness_repo), "--today", "2026-12-01",
                                      "--exit-code"])
    assert result.exit_code == 0
    assert result.output == ("Déclarations sans rapport de suivi récent : 0\n"
                             "Fiches d'entreprises non mises à jour depuis deux ans : 0\n")


# --- The verdict on a pull request (commentaire.yml) ------------------------------------------------


def test_the_verdict_is_computed_with_the_base_branchs_validator() -> None:
    workflow = load(WORKFLOWS / "commentaire.yml")
    text = (WORKFLOWS / "commentaire.yml").read_text(encoding="utf-8")
    assert set(triggers(workflow)) == {"workflow_run"}
    assert "pull_request_target" not in text
    verdict, commenter = workflow["jobs"]["verdict"], workflow["jobs"]["commenter"]
    assert verdict["permissions"] == {"contents": "read", "pull-requests": "read", "actions": "read"}
    assert commenter["permissions"] == {"pull-requests": "write"}
    assert commenter["needs"] == "verdict"
    # The only checkout is the base branch's: no ref, no other repository.
    checkouts = [s for _, s in steps(workflow) if s.get("uses", "").startswith("actions/checkout@")]
    assert [c["with"] for c in checkouts] == [{"persist-credentials": False}]
    # Nothing comes from the checks run's artifacts: the only artifact is this run's own comment.
    for _, s in steps(workflow):
        if "artifact" in s.get("uses", ""):
            assert "run-id" not in s["with"] and s["with"]["name"] == "commentaire", s
    names = [s.get("name", s.get("uses", "")) for s in verdict["steps"]]
    runs = [s.get("run", "") for s in verdict["steps"]]
    install = next(i for i, r in enumerate(runs) if "make install" in r)
    fetch = next(i for i, r in enumerate(runs) if "git init -q --bare" in r)
    # The pull request's commit reaches a separate bare repository after the install; from then
    # on only the base branch's installed command runs.
    assert install < fetch, names
    assert 'fetch -q --no-tags --depth=1 "$SERVER/$REPO.git" "refs/pull/$NUMERO/head"' in runs[fetch]
    assert '"$(git -C "$RUNNER_TEMP/pr.git" rev-parse FETCH_HEAD)" != "$HEAD_SHA"' in runs[fetch]
    assert ".venv/bin/jachete pr-files --git-dir" in runs[fetch]
    for r in runs[fetch:]:
        assert not re.search(r"\bmake\b|\bpip\b|python|checkout", r), r
    assert any('(cd "$RUNNER_TEMP/pr" && "$jachete" validate --format markdown)' in r for r in runs)
    assert any('>> "$GITHUB_STEP_SUMMARY"' in r for r in runs[fetch:])
    # The pull request is found by its head, never by a number the checks run wrote.
    assert any('-f head="$HEAD_OWNER:$HEAD_BRANCH"' in r for r in runs)
    [post] = [s for s in commenter["steps"] if "run" in s]
    assert '"$head_sha" != "$HEAD_SHA"' in post["run"]


# --- Labels ---------------------------------------------------------------------------------------

LABELS_FILE = ROOT / ".github" / "labels.yml"


def _used_labels() -> dict[str, set[str]]:
    """Every label a workflow or an issue form names, with where."""
    used: dict[str, set[str]] = {}
    patterns = [r"label\.name == '([^']+)'", r"labels\.\*\.name, '([^']+)'", r"--(?:add-|remove-)?label ([\w-]+)",
                r"gh label create ([\w-]+)"]
    for path in FILES:
        text = path.read_text(encoding="utf-8")
        for pattern in patterns:
            for name in re.findall(pattern, text):
                used.setdefault(name, set()).add(path.name)
    for path in sorted((ROOT / ".github" / "ISSUE_TEMPLATE").glob("*.yml")):
        for name in load(path).get("labels", []) or []:
            used.setdefault(name, set()).add(path.name)
    return used


def test_every_label_used_is_declared() -> None:
    labels = load(LABELS_FILE)
    names = [label["name"] for label in labels]
    assert len(names) == len(set(names))
    for label in labels:
        assert set(label) == {"name", "color", "description"}, label
        assert re.fullmatch(r"[0-9A-F]{6}", label["color"]), label
        assert 0 < len(label["description"]) <= 100, label  # GitHub's limit
    used = _used_labels()
    assert {"accepter", "declaration", "entreprise", "fraicheur"} <= set(used)
    missing = {name: sorted(where) for name, where in used.items() if name not in names}
    assert missing == {}
    # A label created by a workflow has the file's colour and description.
    by_name = {label["name"]: label for label in labels}
    for path in FILES:
        text = path.read_text(encoding="utf-8")
        for name, color, description in re.findall(r'gh label create ([\w-]+) --color (\w+) --description "([^"]+)"',
                                                   text):
            assert (color, description) == (by_name[name]["color"], by_name[name]["description"]), path.name


def test_labels_are_synced_from_the_file() -> None:
    workflow = load(WORKFLOWS / "etiquettes.yml")
    assert triggers(workflow)["push"] == {"branches": ["main"],
                                          "paths": [".github/labels.yml", ".github/workflows/etiquettes.yml"]}
    assert "workflow_dispatch" in triggers(workflow)
    [job] = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "read", "issues": "write"}
    run = "\n".join(s.get("run", "") for s in job["steps"])
    assert "yq -o=json '.' .github/labels.yml" in run
    assert 'gh label create "$name" --color "$color" --description "$description" --force' in run


# --- Requests, branches, freshness issue, dependencies ------------------------------------------------


def test_an_edited_request_is_converted_again() -> None:
    workflow = load(WORKFLOWS / "demande.yml")
    condition = " ".join(workflow["jobs"]["convertir"]["if"].split())
    assert "(github.event.action == 'labeled' && github.event.label.name == 'accepter')" in condition
    assert ("(github.event.action == 'edited' && github.event.issue.state == 'open' && "
            "contains(github.event.issue.labels.*.name, 'accepter'))") in condition
    # The label stays on an invalid request, so that its next edit runs the conversion again.
    assert "--remove-label" not in (WORKFLOWS / "demande.yml").read_text(encoding="utf-8")


def test_no_workflow_force_pushes() -> None:
    for path in FILES:
        for _, step in steps(load(path)):
            for line in step.get("run", "").splitlines():
                if "git push" in line:
                    assert not re.search(r"--force|\s-f\b|\s\+\S*refs/", line), (path.name, line)


def test_the_request_branch_is_left_alone_once_a_maintainer_committed() -> None:
    workflow = load(WORKFLOWS / "demande.yml")
    [run] = [s["run"] for _, s in steps(workflow) if s.get("name") == "Ouvrir la pull request"]
    fetch = run.index('git fetch -q --no-tags --depth=1 "$depot" "refs/heads/$branche"')
    check = run.index('if [ "$auteur" != "$bot_email $bot_email" ]; then')
    build = run.index('git switch -c "$branche" FETCH_HEAD')
    push = run.index('git push "$depot" "HEAD:refs/heads/$branche"')
    assert fetch < check < build < push
    assert "auteur=\"$(git log -1 --format='%ae %ce' FETCH_HEAD)\"" in run
    assert "modifiée par un responsable" in run[check:build]
    assert "exit 0" in run[check:build]


def test_the_freshness_issue_is_closed_when_nothing_is_stale() -> None:
    workflow = load(WORKFLOWS / "fraicheur.yml")
    job = workflow["jobs"]["signaler"]
    assert "if" not in job  # it runs whether or not there is something to list
    assert job["env"]["A_FAIRE"] == "${{ needs.lister.outputs.a-faire }}"
    [run] = [s["run"] for s in job["steps"] if "run" in s]
    assert 'if [ "$A_FAIRE" != "oui" ]; then' in run
    closing = run[run.index('if [ "$A_FAIRE" != "oui" ]; then'):run.index("elif")]
    assert 'gh issue close "$numero"' in closing


def test_pip_is_cached_from_the_lock_files() -> None:
    for path in FILES:
        for job_name, job in load(path)["jobs"].items():
            setups = [s for s in job.get("steps", []) if s.get("uses", "").startswith("actions/setup-python@")]
            runs = "\n".join(s.get("run", "") for s in job.get("steps", []))
            for setup in setups:
                assert setup["with"]["cache"] == "pip", (path.name, job_name)
                locks = setup["with"]["cache-dependency-path"].split()
                wanted = ["requirements.txt", "requirements-dev.txt"] if "make test" in runs else ["requirements.txt"]
                assert locks == wanted, (path.name, job_name)
                for lock in locks:
                    assert "--hash=sha256:" in (ROOT / lock).read_text(encoding="utf-8")


def test_dependabot_updates_actions_and_the_pip_locks() -> None:
    config = load(ROOT / ".github" / "dependabot.yml")
    assert config["version"] == 2
    ecosystems = {u["package-ecosystem"]: u for u in config["updates"]}
    assert set(ecosystems) == {"github-actions", "pip"}
    for update in ecosystems.values():
        assert update["directory"] == "/" and update["schedule"]["interval"] in {"weekly", "monthly"}
    # Dependabot updates a pip-compile lock named after its input (X.in -> X.txt), hashes included;
    # the Makefile installs exactly those locks.
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for source in ("requirements.in", "requirements-dev.in"):
        lock = source.replace(".in", ".txt")
        assert (ROOT / lock).is_file() and f"{source} -o {lock}" in makefile
        assert f"-r {lock}" in makefile


def test_docs_match_the_flow() -> None:
    contributing = " ".join((ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8").split())
    # Pull requests opened by the bot now wait for a maintainer's approval before their checks run.
    assert "fermez puis rouvrez" not in contributing
    assert "Approve workflows to run" in contributing
    assert "reposez-la après correction" not in contributing
    guide = " ".join((ROOT / "content" / "contribuer" / "declaration.md").read_text(encoding="utf-8").split())
    assert "Ajoutez un court commentaire" not in guide
    assert "modifiez votre demande" in guide


def test_the_published_site_knows_its_address() -> None:
    # A project site lives below https://OWNER.github.io/REPO/: the build takes that address
    # from configure-pages, or search, the 404 page and the feeds point to the domain's root.
    build = load(WORKFLOWS / "publication.yml")["jobs"]["construire"]
    ids = {s.get("id"): s for s in build["steps"]}
    assert ids["pages"]["uses"].startswith("actions/configure-pages@")
    make = next(s for s in build["steps"] if "make site" in s.get("run", ""))
    assert make["env"] == {"SITE_URL": "${{ steps.pages.outputs.base_url }}"}
    names = [s.get("id") or s.get("run") for s in build["steps"]]
    assert names.index("pages") < names.index(make["run"])
    assert build["permissions"] == {"contents": "read", "pages": "read"}
