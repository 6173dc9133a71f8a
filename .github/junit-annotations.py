"""Turns the failed test cases of otasim gate's JUnit XML into GitHub error annotations.

Used by action.yml after a failed gate: each failed check (or bricked sweep point) becomes one
annotation on the run, titled with the check's name, so the cause shows without opening the log.
Runs on the runner's own Python 3 (standard library only).
"""

import sys
import xml.etree.ElementTree as ET

# GitHub shows at most 10 error annotations per step; the rest stay in the summary and the XML.
MAX_ANNOTATIONS = 10


def escape(text, is_property=False):
    # Workflow commands: %, CR and LF are escaped in the message; ':' and ',' too in properties.
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if is_property:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def annotations(path):
    suite = ET.parse(path).getroot()
    for case in suite.iter("testcase"):
        failure = case.find("failure")
        if failure is None:
            continue
        name = case.get("name", "check")
        message = failure.text or failure.get("message", "failed")
        yield "::error title=%s::%s" % (escape("otasim gate: " + name, True), escape(message))


def main(argv):
    if len(argv) != 2:
        print("usage: junit-annotations.py GATE_XML", file=sys.stderr)
        return 2
    try:
        found = list(annotations(argv[1]))
    except FileNotFoundError:
        print("::error title=otasim gate::no JUnit report at %s: the gate ended before its checks" % argv[1])
        return 0
    except ET.ParseError as e:
        print("::error title=otasim gate::the JUnit report %s is not valid XML: %s" % (argv[1], e))
        return 0
    for line in found[:MAX_ANNOTATIONS]:
        print(line)
    if len(found) > MAX_ANNOTATIONS:
        print("::notice title=otasim gate::%d more failed checks in the job summary and the JUnit XML"
              % (len(found) - MAX_ANNOTATIONS))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
