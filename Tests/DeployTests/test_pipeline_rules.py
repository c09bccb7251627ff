"""Which jobs each kind of pipeline runs, by the rules of .gitlab-ci.yml (gitlab_rules.py), and
the evaluator's own reading of GitLab's expressions."""
import pytest

import gitlab_rules
from gitlab_rules import Unsupported, evaluate, pipeline_jobs


def jobs(source):
    return {job["name"]: job for job in pipeline_jobs(source)}


def summary(source):
    return [(job["name"], job["when"]) for job in pipeline_jobs(source)]


# The pipelines ------------------------------------------------------------------------------

def test_the_daily_schedule_deploys_without_building():
    assert summary("schedule") == [("deploy", "on_success"), ("cleanup", "always")]
    assert jobs("schedule")["deploy"]["allow_failure"] is True


def test_a_scheduled_rebuild_pulls_the_base_and_builds_every_layer_anew_and_deploys_nothing():
    found = jobs("schedule-rebuild")
    # No check of its own: the daily schedule runs the new image, and a rebuild that fails
    # (Docker Hub down) cannot cost a day its check.
    assert summary("schedule-rebuild") == [("build", "on_success"), ("push", "on_success"), ("cleanup", "always")]
    assert found["build"]["variables"]["BUILD_OPTIONS"] == "--pull --no-cache"


def test_a_push_to_main_builds_with_the_cache_and_pushes_and_offers_deploy_by_hand():
    found = jobs("push-main")
    assert summary("push-main") == [("build", "on_success"), ("push", "on_success"),
                                    ("deploy", "manual"), ("cleanup", "always")]
    assert found["build"]["variables"]["BUILD_OPTIONS"] == ""
    # A manual job that may fail never blocks the pipeline: cleanup runs without waiting.
    assert found["deploy"]["allow_failure"] is True


def test_a_pipeline_started_by_hand_on_main_builds_as_a_push_does():
    assert summary("web-main") == summary("push-main")


def test_a_tag_builds_and_pushes_but_does_not_deploy():
    assert summary("tag") == [("build", "on_success"), ("push", "on_success"), ("cleanup", "always")]


def test_a_push_to_another_branch_runs_nothing_on_the_runner():
    assert summary("push-branch") == []


def test_a_merge_request_runs_nothing_on_the_runner():
    assert summary("merge-request") == []


def test_every_pipeline_that_makes_something_on_the_runner_cleans_up_whatever_happened():
    for source in gitlab_rules.SOURCES:
        found = jobs(source)
        if {"build", "deploy"} & set(found):
            assert found["cleanup"]["when"] == "always", source


def test_the_schedule_runs_no_build_and_pulls_only_from_the_project_registry():
    pipeline = gitlab_rules.load()
    for job in pipeline_jobs("schedule"):
        script = "\n".join(pipeline[job["name"]].get("script", []))
        assert "docker build" not in script, job["name"]
        for line in script.splitlines():
            for verb in ("docker pull", "docker run", "deploy/run-check"):
                if verb in line:
                    assert '"$IMAGE_LATEST"' in line, line
    assert pipeline["variables"]["IMAGE_LATEST"].startswith("$CI_REGISTRY_IMAGE:")


# The evaluator ------------------------------------------------------------------------------

VARIABLES = {"A": "1", "B": "main", "EMPTY": "", "REF": "feature/retry"}


@pytest.mark.parametrize("expression, expected", [
    ('$A == "1"', True),
    ("$A == '1'", True),
    ('$A != "1"', False),
    ('$MISSING == null', True),
    ('$A == null', False),
    ("$A", True),
    ("$EMPTY", False),
    ("$MISSING", False),
    ('$B == $B', True),
    ('$A == $B', False),
    ("$REF =~ /^feature\\//", True),
    ("$REF !~ /^feature\\//", False),
    ("$MISSING =~ /x/", False),
    ("$B =~ /MAIN/i", True),
    ('$A == "1" && $B == "main"', True),
    ('$A == "2" && $B == "main"', False),
    ('$A == "2" || $B == "main"', True),
    ('$A == "2" || $B == "x" && $A == "1"', False),
    ('($A == "2" || $B == "main") && $A == "1"', True),
    ("${A} == '1'", True),
])
def test_expressions_as_gitlab_documents_them(expression, expected):
    assert evaluate(expression, VARIABLES) is expected


@pytest.mark.parametrize("expression", ['$A == "1" &', '($A', "$A === '1'", "A == 1"])
def test_an_expression_it_cannot_read_is_an_error_not_a_guess(expression):
    with pytest.raises(Unsupported):
        evaluate(expression, VARIABLES)


def test_rule_attributes_default_to_the_jobs():
    job = {"when": "always", "allow_failure": True, "variables": {"X": "job"},
           "rules": [{"if": '$A == "2"', "when": "never"}, {"if": "$A", "variables": {"X": "rule"}}]}
    assert gitlab_rules.decide(job, VARIABLES) == {"when": "always", "allow_failure": True,
                                                   "variables": {"X": "rule"}}
    manual = {"rules": [{"when": "manual"}]}
    assert gitlab_rules.decide(manual, VARIABLES) == {"when": "manual", "allow_failure": False, "variables": {}}
    assert gitlab_rules.decide({"rules": [{"if": '$A == "2"'}]}, VARIABLES) is None


def test_a_job_without_rules_runs_for_branches_but_not_merge_requests():
    assert gitlab_rules.decide({}, gitlab_rules.SOURCES["push-branch"])["when"] == "on_success"
    assert gitlab_rules.decide({}, gitlab_rules.SOURCES["merge-request"]) is None


def test_syntax_it_does_not_implement_is_refused():
    with pytest.raises(Unsupported):
        gitlab_rules.decide({"rules": [{"changes": ["Dockerfile"]}]}, VARIABLES)
    with pytest.raises(Unsupported):
        gitlab_rules.decide({"only": ["main"]}, VARIABLES)
