"""Which jobs of .gitlab-ci.yml a GitLab pipeline runs, and how: a small evaluator of `rules:`.

gitlabci-local, which runs the jobs here (scripts/check-pipeline), ignores `rules:`, so the
jobs each kind of pipeline gets are decided by this evaluator, written from GitLab's
documentation ("Specify when jobs run with rules", "CI/CD variable expressions"):

- rules are tried in order; the first whose `if:` holds (or that has no `if:`) decides; none
  matching leaves the job out; `when: never` leaves it out;
- a matching rule's `when` defaults to the job's `when` (itself `on_success`), its
  `allow_failure` to the job's (a `when: manual` rule without one: false), and its `variables`
  are added to the job's;
- a job without `rules:` runs in branch, tag and schedule pipelines, not in merge request ones;
- expressions: `$VAR`, "string" or 'string', /regex/, null, ==, !=, =~, !~, &&, ||,
  parentheses; && binds tighter than ||; an undefined variable is null; `$VAR` alone holds when
  it is defined and not empty.

Anything else (changes:, exists:, only:/except:, workflow:) raises Unsupported rather than
guessing.

  python3 gitlab_rules.py jobs SOURCE            the jobs, in stage order, one a line:
                                                 name, when, allow_failure, stage (tab-separated)
  python3 gitlab_rules.py variables SOURCE JOB    what the runner must set for that job: the
                                                 source's predefined variables and those its
                                                 rule adds, one NAME=VALUE a line
"""
import os
import re
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# The predefined variables GitLab sets for each kind of pipeline this project cares about.
SOURCES = {
    "schedule": {"CI_PIPELINE_SOURCE": "schedule", "CI_COMMIT_BRANCH": "main", "CI_COMMIT_REF_NAME": "main"},
    "schedule-rebuild": {"CI_PIPELINE_SOURCE": "schedule", "CI_COMMIT_BRANCH": "main", "CI_COMMIT_REF_NAME": "main",
                         "REBUILD": "1"},
    "push-main": {"CI_PIPELINE_SOURCE": "push", "CI_COMMIT_BRANCH": "main", "CI_COMMIT_REF_NAME": "main"},
    "web-main": {"CI_PIPELINE_SOURCE": "web", "CI_COMMIT_BRANCH": "main", "CI_COMMIT_REF_NAME": "main"},
    "push-branch": {"CI_PIPELINE_SOURCE": "push", "CI_COMMIT_BRANCH": "feature/retry",
                    "CI_COMMIT_REF_NAME": "feature/retry"},
    "merge-request": {"CI_PIPELINE_SOURCE": "merge_request_event", "CI_COMMIT_REF_NAME": "feature/retry",
                      "CI_MERGE_REQUEST_IID": "7", "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME": "feature/retry",
                      "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main"},
    "tag": {"CI_PIPELINE_SOURCE": "push", "CI_COMMIT_TAG": "v1.2.0", "CI_COMMIT_REF_NAME": "v1.2.0"},
}
for _variables in SOURCES.values():
    _variables["CI_DEFAULT_BRANCH"] = "main"

RESERVED = {"stages", "variables", "default", "workflow", "include", "image", "services", "before_script",
            "after_script", "cache", "types"}


class Unsupported(Exception):
    """A part of GitLab's syntax this evaluator does not implement."""


# Expressions ---------------------------------------------------------------------------------

TOKEN = re.compile(r"""\s*(?:
    (?P<variable>\$[A-Za-z_][A-Za-z0-9_]*|\$\{[A-Za-z_][A-Za-z0-9_]*\})
  | (?P<string>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')
  | (?P<regex>/(?:[^/\\]|\\.)*/[imsx]*)
  | (?P<null>null\b)
  | (?P<operator>==|!=|=~|!~|&&|\|\|)
  | (?P<paren>[()])
)""", re.VERBOSE)


def tokens(expression):
    position, found = 0, []
    while position < len(expression):
        if expression[position:].strip() == "":
            break
        match = TOKEN.match(expression, position)
        if not match:
            raise Unsupported(f"cannot read {expression[position:]!r} in {expression!r}")
        kind = match.lastgroup
        found.append((kind, match.group(kind)))
        position = match.end()
    return found


def evaluate(expression, variables):
    """Whether a rules:if expression holds for these variables."""
    items = tokens(expression)
    position = 0

    def peek():
        return items[position] if position < len(items) else (None, None)

    def take():
        nonlocal position
        item = peek()
        position += 1
        return item

    def operand(kind, text):
        if kind == "variable":
            return variables.get(text.strip("${}"))
        if kind == "string":
            return text[1:-1]
        if kind == "null":
            return None
        if kind == "regex":
            return text
        raise Unsupported(f"unexpected {text!r} in {expression!r}")

    def regex(text):
        if text is None or not text.startswith("/"):
            raise Unsupported(f"=~ needs a /regex/ on its right in {expression!r}")
        body, flags = text[1:text.rindex("/")], text[text.rindex("/") + 1:]
        return re.compile(body, re.IGNORECASE if "i" in flags else 0)

    def comparison():
        kind, text = take()
        if kind == "paren" and text == "(":
            value = disjunction()
            if take() != ("paren", ")"):
                raise Unsupported(f"unbalanced parentheses in {expression!r}")
            return value
        left = operand(kind, text)
        if peek()[0] == "operator" and peek()[1] in ("==", "!=", "=~", "!~"):
            _, operator = take()
            right_kind, right_text = take()
            if operator in ("=~", "!~"):
                matched = left is not None and regex(right_text if right_kind == "regex" else
                                                     operand(right_kind, right_text)).search(left) is not None
                return matched if operator == "=~" else not matched
            right = operand(right_kind, right_text)
            return (left == right) if operator == "==" else (left != right)
        return left is not None and left != ""

    def conjunction():
        value = comparison()
        while peek() == ("operator", "&&"):
            take()
            right = comparison()
            value = value and right
        return value

    def disjunction():
        value = conjunction()
        while peek() == ("operator", "||"):
            take()
            right = conjunction()
            value = value or right
        return value

    result = disjunction()
    if position != len(items):
        raise Unsupported(f"cannot read past {items[position]!r} in {expression!r}")
    return result


# Jobs ----------------------------------------------------------------------------------------

def load(path=None):
    with open(path or os.path.join(ROOT, ".gitlab-ci.yml")) as handle:
        return yaml.safe_load(handle)


def job_names(pipeline):
    return [name for name in pipeline if name not in RESERVED and not name.startswith(".")]


def decide(job, variables):
    """The job as a pipeline with these variables gets it, or None when it is left out."""
    for key in ("only", "except"):
        if key in job:
            raise Unsupported(f"{key}: is not evaluated here")
    job_when = job.get("when", "on_success")
    rules = job.get("rules")
    if rules is None:
        if variables.get("CI_PIPELINE_SOURCE") == "merge_request_event":
            return None
        return {"when": job_when, "allow_failure": bool(job.get("allow_failure", False)),
                "variables": dict(job.get("variables") or {})}
    for rule in rules:
        unknown = set(rule) - {"if", "when", "allow_failure", "variables"}
        if unknown:
            raise Unsupported(f"rules with {sorted(unknown)} are not evaluated here")
        if "if" in rule and not evaluate(rule["if"], variables):
            continue
        when = rule.get("when", job_when)
        if when == "never":
            return None
        if "allow_failure" in rule:
            allow_failure = rule["allow_failure"]
        elif "allow_failure" in job:
            allow_failure = job["allow_failure"]
        else:
            allow_failure = False
        merged = dict(job.get("variables") or {})
        merged.update(rule.get("variables") or {})
        return {"when": when, "allow_failure": bool(allow_failure), "variables": merged}
    return None


def pipeline_jobs(source, pipeline=None, extra=None):
    """The jobs a pipeline of this source runs, in stage order, each a dict with name, stage,
    when, allow_failure and variables (the job's own with its rule's)."""
    pipeline = pipeline if pipeline is not None else load()
    if "workflow" in pipeline:
        raise Unsupported("workflow: is not evaluated here")
    variables = dict(SOURCES[source])
    variables.update(extra or {})
    stages = pipeline.get("stages", ["build", "test", "deploy"])
    jobs = []
    for name in job_names(pipeline):
        decided = decide(pipeline[name], variables)
        if decided is not None:
            jobs.append({"name": name, "stage": pipeline[name].get("stage", "test"), **decided})
    return sorted(jobs, key=lambda job: stages.index(job["stage"]))


def main(arguments):
    if len(arguments) >= 2 and arguments[1] in SOURCES:
        pipeline = load()
        if arguments[0] == "jobs" and len(arguments) == 2:
            for job in pipeline_jobs(arguments[1], pipeline):
                print(job["name"], job["when"], str(job["allow_failure"]).lower(), job["stage"], sep="\t")
            return 0
        if arguments[0] == "variables" and len(arguments) == 3:
            variables = dict(SOURCES[arguments[1]])
            job = next((job for job in pipeline_jobs(arguments[1], pipeline) if job["name"] == arguments[2]), None)
            if job is None:
                return f"{arguments[2]} is not in a {arguments[1]} pipeline"
            own = pipeline[arguments[2]].get("variables") or {}
            variables.update({key: value for key, value in job["variables"].items() if own.get(key) != value})
            for key, value in variables.items():
                if "\n" in str(value):
                    return f"{key} holds a line break"
                print(f"{key}={value}")
            return 0
    return f"usage: gitlab_rules.py jobs SOURCE | variables SOURCE JOB  (SOURCE: {', '.join(SOURCES)})"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
