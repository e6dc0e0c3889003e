#!/usr/bin/env python3
"""A stand-in for live-persistd's web side, to work on the pages without a live system.

Serves src/live-persistd/wwwroot with the headers of the real service (CSP, nosniff, no-store),
checks the CSRF header and the Origin of state changes as the service does, and fakes the API of
docs/service.md with simulated jobs. Nothing here touches a disk.

    tools/webui-mock.py [--port 8765] [--state locked|not-created|unlocked|read-only|error]
                        [--role greeter|desktop] [--not-upgraded]

Then open http://127.0.0.1:8765/unlock or /settings. Passphrases: "passphrase" is right, anything
else is wrong, except "features" (unlocks, two features fail), "fsck" (file system errors) and
"fail" (a plain failure). Turning Thunderbird off waits 8 s for "thunderbird" to close. The Persistent folder is a snapshot
folder with unsaved changes: "Save now" saves them; turning it off fails to save them (the page
then asks whether to lose them).
Content-Security-Policy violations are printed (the mock adds a report-uri).
"""

import argparse
import json
import mimetypes
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

ROOT = Path(__file__).resolve().parent.parent / "src" / "live-persistd" / "wwwroot"
CSRF = "mock-csrf-token"
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; report-uri /csp-report")
RIGHT = "passphrase"

FEATURES = [  # id, name, description, destination, enabled, hasData
    ("PersistentDirectory", "Persistent Folder", "Keep the files of the Persistent folder in your Home.", "/home/amnesia/Persistent", True, True),
    ("WelcomeScreen", "Welcome Screen", "Keep the language, keyboard and additional settings of the Welcome Screen.", "/var/lib/gdm3/settings/persistent", False, False),
    ("NetworkConnections", "Network Connections", "Keep the Wi-Fi passwords and other network settings.", "/etc/NetworkManager/system-connections", False, True),
    ("TorConfiguration", "Tor Bridge", "Keep the last Tor bridge you connected with.", "/var/lib/tca", False, False),
    ("BrowserBookmarks", "Tor Browser Bookmarks", "Keep the bookmarks of Tor Browser.", "/home/amnesia/.mozilla/firefox/bookmarks", False, False),
    ("Printers", "Printers", "Keep the printer configuration.", "/etc/cups", False, False),
    ("Thunderbird", "Thunderbird Email Client", "Keep the emails, feeds and settings of Thunderbird.", "/home/amnesia/.thunderbird", True, True),
    ("GnuPG", "GnuPG", "Keep the OpenPGP keys and settings of GnuPG.", "/home/amnesia/.gnupg", False, False),
    ("AdditionalSoftware", "Additional Software", "Keep the software you install, and install it again at every start.", "/var/cache/apt/archives", True, True),
    ("Dotfiles", "Dotfiles", "Link every file of the dotfiles folder into your Home.", "/home/amnesia", False, False),
]

lock = threading.Lock()
state = {}
features = []
jobs = {}
# The additional software: the list and the offers the APT hook would have made.
software = {"packages": ["keepassxc"], "offers": [
    {"package": "mat2", "action": "add", "since": "2026-12-01T10:00:00+00:00"},
    {"package": "keepassxc", "action": "remove", "since": "2026-12-01T10:05:00+00:00"}]}
NOTICES = [{"file": "live-persistence.conf", "message": "An old configuration file of an earlier Tails; "
            "it is not used. Delete it once you have checked that your features are as you want them."}]


def feature(fid, name, description, destination, enabled, has_data, custom=False):
    return {"id": fid, "name": name, "description": description, "isCustom": custom, "enabled": enabled,
            "partiallyEnabled": False, "active": enabled, "hasData": has_data,
            "bindings": [{"destination": destination, "source": destination.strip("/"), "kind": "bind", "readOnly": False}]}


def error(kind, code, message):
    return {"kind": kind, "exitCode": code, "message": message}


def status():
    unlocked = state["state"] == "unlocked"
    allowed = ["status", "web-session"]
    if state["role"] == "greeter":
        allowed += ["unlock", "upgrade"]
    else:
        allowed += ["lock", "create", "delete", "change-passphrase", "repair", "backup", "features",
                    "delete-data", "custom-folders", "additional-software", "save"]
    last = max(jobs.values(), key=lambda j: j["id"], default=None)
    return {"state": state["state"], "device": "/dev/sda", "partition": "/dev/sda2",
            "problem": "The USB stick could not be read." if state["state"] == "error" else None,
            "encryption": "LUKS2", "upgraded": state["upgraded"],
            "mountPoint": "/live/persistence/TailsData_unlocked" if unlocked else None,
            "readOnly": state["readOnly"], "usedBytes": 1_234_567_890 if unlocked else None,
            "freeBytes": 5_432_109_876 if unlocked else None,
            "bytesWrittenSinceUnlock": 48_211_968 if unlocked else None,
            "features": features, "role": state["role"], "allowed": allowed, "job": last,
            "notices": NOTICES if unlocked else []}


def software_state():
    if state["state"] != "unlocked":
        return {"unlocked": False, "packages": [], "active": False, "problem": None, "offers": []}
    offers = [dict(o, question=f"Add {o['package']} to your additional software?" if o["action"] == "add"
                   else f"Remove {o['package']} from your additional software?") for o in software["offers"]]
    return {"unlocked": True, "packages": sorted(software["packages"]), "active": True, "problem": None,
            "offers": sorted(offers, key=lambda o: o["package"])}


def start_job(operation, steps, body, cancellable=False):
    """Runs body(job, step) in a thread; step(n, text, percent) updates it and honours cancel."""
    with lock:
        if any(j["state"] in ("running", "waiting") for j in jobs.values()):
            return None
        job = {"id": len(jobs) + 1, "operation": operation, "state": "running", "step": 0, "steps": steps,
               "status": "", "percent": None, "conflictingApps": [], "cancellable": cancellable,
               "error": None, "result": None, "cancel": False}
        jobs[job["id"]] = job

    def step(n, text, percent=None, delay=1.2):
        if job["cancel"]:
            raise InterruptedError
        job.update(step=n, status=text, percent=percent)
        time.sleep(delay)

    def run():
        try:
            job["result"] = body(job, step)
            job["state"] = "succeeded"
        except InterruptedError:
            job.update(state="cancelled", error=error("Cancelled", 130, "The operation was cancelled; nothing was changed."))
        except RuntimeError as failure:
            job.update(state="failed", error=failure.args[0])
        job["conflictingApps"] = []

    threading.Thread(target=run, daemon=True).start()
    return job


def public(job):
    return {k: v for k, v in job.items() if k != "cancel"}


def check_passphrase(passphrase):
    if passphrase == "fail":
        raise RuntimeError(error("Failed", 1, "cryptsetup failed: the device disappeared."))
    if passphrase not in (RIGHT, "features", "fsck"):
        raise RuntimeError(error("WrongPassphrase", 3, "The passphrase is wrong."))


class Handler(BaseHTTPRequestHandler):
    def send(self, code, payload=None, content_type="application/json", headers=()):
        data = b"" if payload is None else payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Content-Security-Policy", CSP)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cache-Control", "no-store")
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def fail(self, code, kind, exit_code, message):
        self.send(code, {"error": error(kind, exit_code, message)})

    def body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return json.loads(self.rfile.read(length) or b"{}") if length else {}

    def do_GET(self):
        url = urlparse(self.path)
        page = {"/unlock": "unlock.html", "/settings": "settings.html", "/": "settings.html"}.get(url.path)
        if page:
            html = (ROOT / page).read_text().replace("__CSRF_TOKEN__", CSRF)
            return self.send(200, html.encode(), "text/html; charset=utf-8")
        if url.path.startswith("/assets/"):
            file = (ROOT / url.path.lstrip("/")).resolve()
            if ROOT in file.parents and file.is_file():
                kind = "text/javascript" if file.suffix == ".js" else mimetypes.guess_type(file.name)[0]
                return self.send(200, file.read_bytes(), f"{kind}; charset=utf-8")
            return self.send(404, b"not found", "text/plain")
        if url.path == "/v1/status":
            with lock:
                return self.send(200, status())
        if url.path == "/v1/features":
            return self.send(200, features)
        if url.path == "/v1/additional-software":
            with lock:
                return self.send(200, software_state())
        if url.path == "/v1/backup-devices":
            return self.send(200, [{"device": "/dev/sdc", "description": "SanDisk Cruzer Blade", "sizeBytes": 16_008_609_792},
                                   {"device": "/dev/sdd", "description": "Kingston DataTraveler", "sizeBytes": 32_017_219_584}])
        if url.path.startswith("/v1/jobs/"):
            job = jobs.get(int(url.path.split("/")[3]))
            if not job:
                return self.fail(404, "Failed", 1, "No such job.")
            wait = min(60, float(parse_qs(url.query).get("wait", ["0"])[0]))
            end = time.time() + wait
            before = json.dumps(public(job))
            while time.time() < end and job["state"] in ("running", "waiting") and json.dumps(public(job)) == before:
                time.sleep(0.1)
            return self.send(200, public(job))
        self.send(404, b"not found", "text/plain")

    def state_change_refused(self):
        origin = self.headers.get("Origin")
        expected = f"http://{self.headers.get('Host')}"
        if self.headers.get("X-CSRF-Token") != CSRF or origin != expected:
            print(f"REFUSED {self.command} {self.path}: Origin={origin!r} CSRF={self.headers.get('X-CSRF-Token')!r}")
            self.fail(403, "PermissionDenied", 10, "Refused: bad CSRF token or Origin.")
            return True
        return False

    def do_DELETE(self):
        if self.state_change_refused():
            return
        url = urlparse(self.path)
        if url.path.startswith("/v1/additional-software/packages/"):
            name = url.path.rsplit("/", 1)[1]
            with lock:
                if name not in software["packages"]:
                    return self.fail(404, "Usage", 2, f"{name} is not in your additional software.")
                software["packages"].remove(name)
                return self.send(200, software_state())
        if url.path == "/v1/custom-folders":
            destination = parse_qs(url.query).get("destination", [""])[0]

            def remove(job, step):
                step(1, f"Removing {destination}")
                features[:] = [f for f in features if f["bindings"][0]["destination"] != destination]
            return self.accepted(start_job("custom-folders", 1, remove))
        self.send(404, b"not found", "text/plain")

    def accepted(self, job):
        if job is None:
            return self.fail(409, "Busy", 5, "Another operation is in progress; wait for it to finish and try again.")
        self.send(202, public(job))

    def do_POST(self):
        url = urlparse(self.path)
        if url.path == "/csp-report":
            print("CSP VIOLATION:", self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode())
            return self.send(204)
        if self.state_change_refused():
            return
        body = self.body()
        path = url.path
        if path.startswith("/v1/additional-software/offers/"):
            _, _, _, _, name, answer = path.split("/")
            with lock:
                offer = next((o for o in software["offers"] if o["package"] == name), None)
                if offer is None or state["state"] != "unlocked":
                    return self.fail(400, "Usage", 2, f"There is no offer about '{name}'.")
                software["offers"].remove(offer)
                if answer == "accept" and offer["action"] == "add":
                    software["packages"].append(name)
                elif answer == "accept" and name in software["packages"]:
                    software["packages"].remove(name)
                return self.send(200, software_state())
        if path == "/v1/passphrase-strength":
            words = len(body.get("passphrase", "").split())
            score = min(4, len(body.get("passphrase", "")) // 6 + max(0, words - 3))
            feedback = "" if score >= 3 else "Add another word or two. Uncommon words are better."
            return self.send(200, {"score": score, "feedback": feedback})
        if path == "/v1/unlock":
            def unlock(job, step):
                state["state"] = "unlocking"
                try:
                    step(1, "Unlocking…")
                    check_passphrase(body.get("passphrase"))
                    step(1, "Checking the file system…", delay=2.5)
                    if body.get("passphrase") == "fsck":
                        raise RuntimeError(error("FilesystemErrors", 7, "The file system has errors that could not be repaired automatically."))
                    step(1, "Activating the features…")
                except BaseException:
                    state["state"] = "locked"
                    raise
                state.update(state="unlocked", readOnly=bool(body.get("readOnly")))
                return {"failedFeatures": ["Printers", "Thunderbird"] if body.get("passphrase") == "features" else []}
            return self.accepted(start_job("unlock", 1, unlock))
        if path == "/v1/upgrade":
            def upgrade(job, step):
                step(1, "Upgrading the encryption…", delay=2)
                check_passphrase(body.get("passphrase"))
                state["upgraded"] = True
            return self.accepted(start_job("upgrade", 1, upgrade))
        if path == "/v1/create":
            def create(job, step):
                state["state"] = "creating"
                for n, text in enumerate(["Creating the partition", "Encrypting it (LUKS2, argon2id)", "Unlocking it",
                                          "Creating the file system (TailsData)", "Mounting it",
                                          "Setting its permissions and default features", "Activating the default features"], 1):
                    step(n, text)
                state["state"] = "unlocked"
            return self.accepted(start_job("create", 7, create))
        if path == "/v1/delete":
            def delete(job, step):
                step(1, "Deactivating the features")
                step(2, "Deleting the partition")
                state["state"] = "not created"
            return self.accepted(start_job("delete", 2, delete))
        if path == "/v1/change-passphrase":
            def change(job, step):
                step(1, "Changing the passphrase", delay=2)
                check_passphrase(body.get("passphrase"))
            return self.accepted(start_job("change-passphrase", 1, change))
        if path == "/v1/repair":
            def repair(job, step):
                if state["state"] != "locked":
                    raise RuntimeError(error("WrongState", 9, "The Persistent Storage is in use: restart without unlocking it, then repair it."))
                state["state"] = "repairing"
                try:
                    check_passphrase(body.get("passphrase"))
                    for percent in range(0, 101, 5):
                        step(1, "Checking and repairing the file system", percent, delay=0.4)
                finally:
                    state["state"] = "locked"
            return self.accepted(start_job("repair", 1, repair, cancellable=True))
        if path == "/v1/backup":
            def backup(job, step):
                check_passphrase(body.get("passphrase"))
                for n, text in enumerate(["Checking the backup stick", "Unlocking the backup", "Copying the files",
                                          "Checking the copy", "Locking the backup"], 1):
                    step(n, text)
            return self.accepted(start_job("backup", 5, backup, cancellable=True))
        if path == "/v1/custom-folders":
            destination = body.get("destination", "")

            def add(job, step):
                if not destination.startswith("/home/"):
                    raise RuntimeError(error("Usage", 2, f"{destination} cannot be made persistent: only folders under /home can."))
                step(1, f"Adding {destination}")
                features.append(feature(f"CustomFeature{len(features)}", destination, f"Custom folder {destination}", destination, True, False, True))
            return self.accepted(start_job("custom-folders", 1, add))
        if path.startswith("/v1/jobs/") and path.endswith("/cancel"):
            job = jobs.get(int(path.split("/")[3]))
            if not job:
                return self.fail(404, "Failed", 1, "No such job.")
            if job["cancellable"]:
                job["cancel"] = True
            return self.send(202, public(job))
        if path.startswith("/v1/features/"):
            _, _, _, fid, action = path.split("/")
            discard = bool(body.get("discard"))
            item = next((f for f in features if f["id"] == fid), None)
            if not item:
                return self.fail(404, "Failed", 1, f"There is no feature {fid}.")

            def change_feature(job, step):
                if action == "disable" and fid == "Thunderbird":
                    job.update(state="waiting", status="Waiting for Thunderbird to close",
                               conflictingApps=[{"name": "thunderbird", "pids": [2345]}])
                    for _ in range(80):
                        if job["cancel"]:
                            raise InterruptedError
                        time.sleep(0.1)
                    job.update(state="running", conflictingApps=[])
                if action == "delete-data":
                    step(1, f"Deleting the data of {item['name']}")
                    item["hasData"] = False
                    return None
                snapshot = item["bindings"][0].get("unsaved")
                if action == "save":
                    destination = item["bindings"][0]["destination"]
                    step(1, f"Saving {destination}")
                    written = dict(snapshot)
                    snapshot.update(entries=0, bytes=0, lastSaved=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))
                    return {"saved": [{"destination": destination, "source": destination.strip("/"), "status": "saved",
                                       "filesWritten": written["entries"], "directoriesCreated": 1, "deleted": 2,
                                       "bytesWritten": written["bytes"], "notSaved": [], "message": None}]}
                if action == "disable" and snapshot and snapshot["entries"] > 0 and not discard:
                    step(1, f"Saving {item['bindings'][0]['destination']}")
                    raise RuntimeError(error("Failed", 1, "Unsaved changes of snapshot folders could not be saved, so "
                                             f"{item['name']} stays active and nothing is lost (No space left on device). "
                                             "Fix the cause and try again, or discard those changes (--discard)."))
                if fid == "Printers" and action == "enable":
                    step(1, "Activating Printers")
                    raise RuntimeError(error("Failed", 1, "/etc/cups is busy: cupsd (pid 812) uses it."))
                step(1, f"{'Activating' if action == 'enable' else 'Deactivating'} {item['name']}")
                item["enabled"] = item["active"] = action == "enable"
                if snapshot is not None:
                    item["bindings"][0]["unsaved"] = {"entries": 0, "bytes": 0, "lastSaved": None} if item["active"] else None
                return None
            return self.accepted(start_job("features", 1, change_feature, cancellable=True))
        self.send(404, b"not found", "text/plain")

    def log_message(self, fmt, *args):
        if "/v1/jobs/" not in self.path:
            super().log_message(fmt, *args)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--state", default="locked", choices=["locked", "not-created", "unlocked", "read-only", "error"])
    parser.add_argument("--role", default=None, choices=["greeter", "desktop"])
    parser.add_argument("--not-upgraded", action="store_true")
    args = parser.parse_args()
    state.update(state={"not-created": "not created", "read-only": "unlocked"}.get(args.state, args.state),
                 readOnly=args.state == "read-only", upgraded=not args.not_upgraded,
                 role=args.role or ("greeter" if args.state == "locked" else "desktop"))
    features.extend(feature(*f) for f in FEATURES)
    persistent = features[0]["bindings"][0]
    persistent.update(kind="snapshot", unsaved={"entries": 12, "bytes": 3_400_000, "lastSaved": None})
    features.append(feature("CustomFeature1", "/home/amnesia/Music", "Custom folder /home/amnesia/Music", "/home/amnesia/Music", True, True, True))
    print(f"http://127.0.0.1:{args.port}/unlock  http://127.0.0.1:{args.port}/settings")
    ThreadingHTTPServer(("127.0.0.1", args.port), Handler).serve_forever()


if __name__ == "__main__":
    main()
