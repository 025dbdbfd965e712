#!/usr/bin/env python3
"""Checks that a plain client written to LeanIX's public Python tutorial
("Initiating Integration API Runs with Python") works against the emulator
with nothing changed but the host.

It makes the tutorial's calls the tutorial's way (requests: token exchange
with HTTP Basic apitoken:<token> and a form body, create, start with an empty
body, poll /status until FINISHED, /results), for one inbound and one outbound
run, then reads /emulator/state to confirm what arrived.

It starts nothing: run the emulator first, e.g.

    swift run ldifbulk emulator --port 8080 --api-token local-test-token
    LEANIX_API_TOKEN=local-test-token scripts/tutorial-client-check.py http://127.0.0.1:8080

Exit status 0 when every check passed, 1 otherwise.
"""

import json
import os
import sys
import time

import requests

POLL_SECONDS = 5  # as in the tutorial


def main():
    if len(sys.argv) != 2 or "LEANIX_API_TOKEN" not in os.environ:
        sys.stderr.write("usage: LEANIX_API_TOKEN=TOKEN tutorial-client-check.py BASE_URL\n")
        return 2
    host = sys.argv[1].rstrip("/")
    api_token = os.environ["LEANIX_API_TOKEN"]

    # The tutorial's two URLs, with only the host changed.
    auth_url = host + "/services/mtm/v1/oauth2/token"
    request_url = host + "/services/integration-api/v1/"

    response = requests.post(auth_url, auth=("apitoken", api_token), data={"grant_type": "client_credentials"})
    response.raise_for_status()
    access_token = response.json()["access_token"]
    header = {"Authorization": "Bearer " + access_token, "Content-Type": "application/json"}

    def post(endpoint, data=False):
        answer = requests.post(url=request_url + endpoint, headers=header, data=data)
        answer.raise_for_status()
        return answer

    def get(endpoint):
        answer = requests.get(url=request_url + endpoint, headers=header)
        answer.raise_for_status()
        return answer

    def wait_until_finished(run_id):
        while True:
            status = json.loads(get("synchronizationRuns/%s/status" % run_id).text)["status"]
            print("  status", status)
            if status == "FINISHED":
                return
            if status in ("FAILED", "STOPPED"):
                raise RuntimeError("run %s ended %s" % (run_id, status))
            time.sleep(POLL_SECONDS)

    def handle_run(ldif):
        run_id = json.loads(post("synchronizationRuns", json.dumps(ldif)).text)["id"]
        print("created run", run_id)
        started = post("synchronizationRuns/%s/start" % run_id).status_code
        check(started == 200, "start answered %d" % started)
        wait_until_finished(run_id)
        results = requests.get(url=request_url + "synchronizationRuns/%s/results" % run_id, headers=header)
        return run_id, results

    stamp = str(int(time.time() * 1000))
    inbound = ldif_header("inbound", "tutorial check inbound " + stamp)
    inbound["content"] = [
        {"type": "ITComponent", "id": "tutorial-%s-1" % stamp,
         "data": {"name": "Gatsby.js", "category": "sample_software", "provider": "gcp"}},
        {"type": "ITComponent", "id": "tutorial-%s-2" % stamp,
         "data": {"name": "Contentful", "category": "cloud_service", "provider": "gcp"}},
    ]
    run_id, results = handle_run(inbound)
    check(results.status_code == 204, "inbound results answered %d, expected 204" % results.status_code)
    print("inbound run: %s finished successfully" % run_id)

    outbound = ldif_header("outbound", "tutorial check outbound " + stamp)
    outbound["content"] = []
    run_id, results = handle_run(outbound)
    check(results.status_code == 200, "outbound results answered %d, expected 200" % results.status_code)
    exported = json.loads(results.text)
    print("outbound run: %s gave an LDIF with %d items" % (run_id, len(exported.get("content", []))))

    state = requests.get(host + "/emulator/state").json()
    for item in inbound["content"]:
        arrivals = [d["count"] for d in state["delivered"] if d["type"] == item["type"] and d["id"] == item["id"]]
        check(arrivals == [1], "%s arrived %s times, expected once" % (item["id"], arrivals))
    print("all checks passed")
    return 0


def ldif_header(direction, description):
    return {
        "connectorType": "tutorialCheck",
        "connectorId": "tutorial-check",
        "connectorVersion": "1.0.0",
        "lxVersion": "1.0.0",
        "description": description,
        "processingDirection": direction,
        "processingMode": "partial",
    }


def check(condition, message):
    if not condition:
        print("FAILED:", message)
        sys.exit(1)


if __name__ == "__main__":
    sys.exit(main())
