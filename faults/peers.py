"""The out-of-process peers of the fault suite, each started by this module on a free loopback
port and stopped at the end: moto (DynamoDB, Auto Scaling, EC2), ElasticMQ (SQS, its own JVM),
Toxiproxy (network faults between the gateways and SQS, DynamoDB, the other AWS APIs and
GitHub), the GitHub peer (GitHubTestServer as a process) and an AWS router of our own in this
process (routes DynamoDB and the other AWS calls through their own Toxiproxy proxies and answers
`Throttling` for a share of Auto Scaling calls, which Toxiproxy cannot do).

Also: the gateway configuration (`gateway_config`, the one place that writes it) and the
gateway processes."""

import http.client
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOOLS = os.environ.get("HANGAR_TOOLS_DIR", "/opt/hangar-tools")
GATEWAY_JAR = os.path.join(ROOT, "gateway", "target", "hangar-gateway.jar")
REGION = "us-east-1"
ACCOUNT = "123456789012"
WEBHOOK_SECRET = "hangar-faults-secret-4b1d"
SESSION_KEY = "ZmF1bHRzLXNlc3Npb24ta2V5LWZvci10ZXN0cy0wMTIzNDU2Nzg5"  # base64, 39 bytes
TABLE = "hangar-faults-ledger"
QUEUE = "hangar-faults.fifo"
POOL = "linux"
LABELS = ["self-hosted", "linux", "x64"]
GROUPS = [("faults-linux-warm", "warm"), ("faults-linux-spot", "spot")]
RUNNER_VERSION = "2.330.0"

# Short intervals so a scenario takes a minute or two; recovery targets are in these units.
RECONCILE_INTERVAL_S = 5
POOL_LOOP_PERIOD_S = 2
IDLE_TIMEOUT_S = 4
BOOT_TIMEOUT_S = 30


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(check, timeout, what, interval=0.2):
    """Polls `check` until it returns a truthy value or the deadline passes (then raises)."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            v = check()
            if v:
                return v
        except Exception as e:  # noqa: BLE001 - a peer that is not up yet
            last = e
        time.sleep(interval)
    raise TimeoutError(f"{what} did not happen within {timeout}s" + (f" (last error: {last})" if last else ""))


def http_json(method, url, body=None, timeout=10, headers=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method)
    req.add_header("Content-Type", "application/json")
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, _parse(r.read()), dict(r.headers)
    except urllib.error.HTTPError as e:
        return e.code, _parse(e.read()), dict(e.headers)


def _parse(raw):
    try:
        return json.loads(raw) if raw else None
    except ValueError:
        return None


class Processes:
    """Every process the suite starts, stopped at the end (SIGTERM, then SIGKILL) by id."""

    def __init__(self, logdir):
        self.logdir = logdir
        self.procs = {}
        os.makedirs(logdir, exist_ok=True)

    def start(self, name, argv, env=None):
        log = open(os.path.join(self.logdir, name + ".log"), "ab")
        p = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                             env={**os.environ, **(env or {})}, start_new_session=True, cwd=ROOT)
        log.close()
        self.procs[name] = p
        return p

    def kill9(self, name):
        p = self.procs.get(name)
        if p and p.poll() is None:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait(10)

    def stop(self, name):
        p = self.procs.pop(name, None)
        if p is None or p.poll() is not None:
            return
        try:
            os.killpg(p.pid, signal.SIGTERM)
            p.wait(15)
        except (subprocess.TimeoutExpired, ProcessLookupError):
            try:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait(10)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                pass

    def stop_all(self):
        for name in list(self.procs)[::-1]:
            self.stop(name)


def tool(*candidates):
    for c in candidates:
        if os.path.isabs(c) and os.access(c, os.X_OK):
            return c
        found = shutil.which(c)
        if found:
            return found
    raise SystemExit("faults: missing tool " + " or ".join(candidates) + ": run bash test-peers/install.sh")


class Toxiproxy:
    def __init__(self, procs):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        procs.start("toxiproxy", [tool(os.path.join(TOOLS, "bin", "toxiproxy-server"), "toxiproxy-server"),
                                  "-host", "127.0.0.1", "-port", str(self.port)])
        wait_until(lambda: http_json("GET", self.url + "/version")[0] == 200, 30, "toxiproxy start")

    def proxy(self, name, upstream_port):
        listen = free_port()
        s, body, _ = http_json("POST", self.url + "/proxies",
                               {"name": name, "listen": f"127.0.0.1:{listen}", "upstream": f"127.0.0.1:{upstream_port}"})
        assert s in (200, 201), (s, body)
        return listen

    def enable(self, name, enabled):
        s, body, _ = http_json("POST", f"{self.url}/proxies/{name}", {"enabled": enabled})
        assert s == 200, (s, body)

    def toxic(self, name, kind, attributes, stream="downstream", toxic_name=None):
        toxic_name = toxic_name or f"{name}-{kind}"
        s, body, _ = http_json("POST", f"{self.url}/proxies/{name}/toxics",
                               {"name": toxic_name, "type": kind, "stream": stream, "attributes": attributes})
        assert s == 200, (s, body)
        return toxic_name

    def remove_toxic(self, name, toxic_name):
        http_json("DELETE", f"{self.url}/proxies/{name}/toxics/{toxic_name}")


class AwsRouter:
    """The gateways' `aws.endpoint`: DynamoDB calls go to one Toxiproxy proxy, the rest (Auto
    Scaling, EC2) to another, both in front of moto; a share of Auto Scaling calls can be answered
    with AWS's `Throttling` error instead of being forwarded. Counts calls per service/action."""

    def __init__(self, dynamo_port, other_port):
        self.routes = {"dynamodb": dynamo_port, "other": other_port}
        self.throttle_share = 0.0
        self.counts = {}
        self.throttled = 0
        self.lock = threading.Lock()
        self.local = threading.local()
        router = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *a):
                pass

            def do_POST(self):
                router.handle(self)

            def do_GET(self):
                router.handle(self)

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address):
                pass  # a gateway killed (-9) mid-request: its connection is gone, nothing to say

        self.server = Server(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()

    def _body(self, h):
        if h.headers.get("Transfer-Encoding", "").lower() == "chunked":
            out = b""
            while True:
                size = int(h.rfile.readline().strip().split(b";")[0], 16)
                if size == 0:
                    h.rfile.readline()
                    return out
                out += h.rfile.read(size)
                h.rfile.readline()
        n = int(h.headers.get("Content-Length") or 0)
        return h.rfile.read(n) if n else b""

    def handle(self, h):
        body = self._body(h)
        auth = h.headers.get("Authorization", "")
        service = "other"
        try:
            service = auth.split("Credential=")[1].split(",")[0].split("/")[3]
        except IndexError:
            pass
        target = h.headers.get("X-Amz-Target", "")
        if target.startswith("DynamoDB"):
            service = "dynamodb"
        action = target.split(".")[-1] if target else ""
        if not action and body:
            for part in body.decode("utf-8", "replace").split("&"):
                if part.startswith("Action="):
                    action = part[7:]
        with self.lock:
            key = f"{service}:{action}"
            self.counts[key] = self.counts.get(key, 0) + 1
        if service == "autoscaling" and self.throttle_share > 0 and random.random() < self.throttle_share:
            with self.lock:
                self.throttled += 1
            err = (b'<ErrorResponse xmlns="http://autoscaling.amazonaws.com/doc/2011-01-01/"><Error>'
                   b"<Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error>"
                   b"<RequestId>00000000-0000-0000-0000-000000000000</RequestId></ErrorResponse>")
            h.send_response(400)
            h.send_header("Content-Type", "text/xml")
            h.send_header("Content-Length", str(len(err)))
            h.end_headers()
            h.wfile.write(err)
            return
        port = self.routes["dynamodb" if service == "dynamodb" else "other"]
        headers = {k: v for k, v in h.headers.items() if k.lower() not in ("transfer-encoding", "connection", "content-length")}
        headers["Content-Length"] = str(len(body))
        for attempt in (1, 2):
            conns = getattr(self.local, "conns", None)
            if conns is None:
                conns = self.local.conns = {}
            conn = conns.get(port)
            if conn is None:
                conn = conns[port] = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            try:
                conn.request(h.command, h.path, body=body, headers=headers)
                resp = conn.getresponse()
                data = resp.read()
                break
            except (OSError, http.client.HTTPException):
                conn.close()
                conns.pop(port, None)
                if attempt == 2:
                    # The network to AWS is down (Toxiproxy): the caller sees a dropped connection.
                    h.close_connection = True
                    try:
                        h.connection.shutdown(socket.SHUT_RDWR)
                    except OSError:
                        pass
                    return
        h.send_response(resp.status)
        for k, v in resp.getheaders():
            if k.lower() not in ("transfer-encoding", "connection", "content-length", "date", "server"):
                h.send_header(k, v)
        h.send_header("Content-Length", str(len(data)))
        h.end_headers()
        h.wfile.write(data)


def gateway_config(w, port):
    """The one gateway configuration of the suite (YAML); section and key names live only here."""
    return f"""\
server: {{host: 127.0.0.1, port: {port}, shutdownGraceSeconds: 1}}
github:
  webhookSecrets: ["{WEBHOOK_SECRET}"]
  apiUrl: "{w.github_api_url}"
  appId: {w.github['appId']}
  privateKeyFile: "{w.github['privateKeyFile']}"
  owner: acme
aws: {{region: {REGION}, endpoint: "{w.aws.url}"}}
queue: {{url: "{w.queue_url}", endpoint: "http://127.0.0.1:{w.sqs_proxy_port}", sendTimeoutMillis: 2000}}
ledger: {{type: dynamodb, table: {TABLE}}}
pools:
  - name: {POOL}
    labels: [{", ".join(LABELS)}]
    maxRunners: 60
    minIdle: 0
    tiers:
      - {{asg: {GROUPS[0][0]}, kind: warm}}
      - {{asg: {GROUPS[1][0]}, kind: spot}}
    scaling: {{idleTimeoutSeconds: {IDLE_TIMEOUT_S}, bootTimeoutSeconds: {BOOT_TIMEOUT_S}, arrivalBufferMinutes: 0}}
poolLoop: {{debounceMillis: 100, periodSeconds: {POOL_LOOP_PERIOD_S}, receiveWaitSeconds: 1}}
reconcile:
  interval: {RECONCILE_INTERVAL_S}s
  staleQueuedAfter: 20s
  maxRedeliveriesPerCycle: 200
  maxJobChecksPerCycle: 200
agentApi:
  identityCertificates: ["{w.github['identityCertificate']}"]
  accountId: "{ACCOUNT}"
  sessionKey: "{SESSION_KEY}"
  runnerVersion: "{RUNNER_VERSION}"
  rateLimits:
    perInstance: {{burst: 200, perMinute: 6000}}
    global: {{burst: 5000, perMinute: 300000}}
observability:
  metrics:
    cloudwatch: {{enabled: false, namespace: Hangar, stepSeconds: 60}}
  tracing: {{exporter: none}}
"""


class World:
    """One scenario's peers and gateways, fresh for each scenario."""

    def __init__(self, logdir, replicas=1, classpath=None):
        import boto3  # noqa: PLC0415 - from the suite's venv

        self.logdir = logdir
        self.procs = Processes(logdir)
        self.classpath = classpath
        self.gateways = {}  # name -> {"port", "config"}
        self.down = set()
        self.lock = threading.Lock()
        try:
            # moto (DynamoDB, Auto Scaling, EC2)
            self.moto_port = free_port()
            self.procs.start("moto", [tool(os.path.join(TOOLS, "moto", "bin", "moto_server"), "moto_server"),
                                      "-H", "127.0.0.1", "-p", str(self.moto_port)])
            self.moto_url = f"http://127.0.0.1:{self.moto_port}"
            wait_until(lambda: http_json("GET", self.moto_url + "/moto-api/")[0] == 200, 60, "moto start")
            # ElasticMQ, its own JVM, one FIFO queue
            self.sqs_port = free_port()
            conf = os.path.join(logdir, "elasticmq.conf")
            with open(conf, "w") as f:
                f.write(f"""include classpath("application.conf")
node-address {{ protocol = http, host = 127.0.0.1, port = {self.sqs_port}, context-path = "" }}
rest-sqs {{ enabled = true, bind-port = {self.sqs_port}, bind-hostname = "127.0.0.1", sqs-limits = strict }}
rest-stats {{ enabled = false }}
queues {{ "{QUEUE}" {{ fifo = true, contentBasedDeduplication = false, defaultVisibilityTimeout = 10 seconds }} }}
""")
            emq = os.path.join(TOOLS, "elasticmq")
            if not os.path.isdir(emq):
                raise SystemExit("faults: ElasticMQ server missing: run bash test-peers/install.sh")
            self.procs.start("elasticmq", ["java", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                                           f"-Dconfig.file={conf}", "-cp", emq + "/*", "org.elasticmq.server.Main"])
            self.queue_url = f"http://127.0.0.1:{self.sqs_port}/000000000000/{QUEUE}"
            # GitHub peer
            ghdir = os.path.join(logdir, "github")
            self.procs.start("github", ["java", "-Xmx256m", "-XX:+UseSerialGC", "-cp", classpath,
                                        "dev.hangar.gateway.faults.GitHubPeer", "--dir", ghdir])
            info_file = os.path.join(ghdir, "github-peer.json")
            wait_until(lambda: os.path.exists(info_file), 90, "GitHub peer start")
            with open(info_file) as f:
                self.github = json.load(f)
            self.github_admin = self.github["adminUrl"]
            wait_until(lambda: self._sqs_up(), 90, "ElasticMQ start")
            # Toxiproxy between the gateways and everything they call
            self.toxi = Toxiproxy(self.procs)
            self.sqs_proxy_port = self.toxi.proxy("sqs", self.sqs_port)
            dynamo = self.toxi.proxy("dynamodb", self.moto_port)
            other = self.toxi.proxy("aws", self.moto_port)
            gh_port = int(self.github["apiUrl"].rsplit(":", 1)[1].split("/")[0])
            self.github_api_url = f"http://127.0.0.1:{self.toxi.proxy('github', gh_port)}"
            self.aws = AwsRouter(dynamo, other)
            # AWS resources in moto (straight, not through the faults)
            kw = dict(endpoint_url=self.moto_url, region_name=REGION, aws_access_key_id="testing",
                      aws_secret_access_key="testing")
            self.ddb = boto3.client("dynamodb", **kw)
            self.asg = boto3.client("autoscaling", **kw)
            self.ec2 = boto3.client("ec2", **kw)
            self._create_aws()
            for i in range(replicas):
                self.start_gateway(f"gw{i + 1}")
            http_json("POST", self.github_admin + "/webhooks/target",
                      {"urls": [self.webhook_url(n) for n in sorted(self.gateways)], "secret": WEBHOOK_SECRET})
        except BaseException:
            self.close()
            raise

    def _sqs_up(self):
        with urllib.request.urlopen(f"http://127.0.0.1:{self.sqs_port}/?Action=ListQueues", timeout=2) as r:
            return r.status == 200

    def _create_aws(self):
        self.ddb.create_table(
            TableName=TABLE, BillingMode="PAY_PER_REQUEST",
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                  {"AttributeName": "openPool", "AttributeType": "S"},
                                  {"AttributeName": "jobId", "AttributeType": "N"}],
            GlobalSecondaryIndexes=[{"IndexName": "open-by-pool",
                                     "KeySchema": [{"AttributeName": "openPool", "KeyType": "HASH"},
                                                   {"AttributeName": "jobId", "KeyType": "RANGE"}],
                                     "Projection": {"ProjectionType": "ALL"}}])
        for name, _kind in GROUPS:
            self.ec2.create_launch_template(LaunchTemplateName=name + "-lt",
                                            LaunchTemplateData={"ImageId": "ami-12c6146b", "InstanceType": "t3.micro"})
            # As the runner-pool module creates them: new instances are protected from scale-in.
            self.asg.create_auto_scaling_group(
                AutoScalingGroupName=name, LaunchTemplate={"LaunchTemplateName": name + "-lt", "Version": "$Latest"},
                MinSize=0, MaxSize=60, DesiredCapacity=0, AvailabilityZones=[REGION + "a"],
                NewInstancesProtectedFromScaleIn=True)

    # ---- gateways ---------------------------------------------------------------------------

    def start_gateway(self, name):
        port = self.gateways.get(name, {}).get("port") or free_port()
        cfg = os.path.join(self.logdir, name + ".yaml")
        with open(cfg, "w") as f:
            f.write(gateway_config(self, port))
        self.procs.start(name, ["java", "-Xmx320m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                                "-jar", GATEWAY_JAR, "serve", "--config", cfg],
                         env={"HANGAR_AWS_STATIC_CREDENTIALS": "true"})
        self.gateways[name] = {"port": port, "config": cfg}
        wait_until(lambda: http_json("GET", f"http://127.0.0.1:{port}/readyz", timeout=2)[0] == 200, 120,
                   f"gateway {name} ready")
        with self.lock:
            self.down.discard(name)

    def kill_gateway(self, name, lb_lag=2.0):
        """kill -9; webhooks and agent calls still go to it for `lb_lag` seconds (a load
        balancer's health check notices a dead target only after a while): they fail."""
        self.procs.kill9(name)
        time.sleep(lb_lag)  # the load balancer's detection lag, part of the fault
        with self.lock:
            self.down.add(name)

    def live_gateways(self):
        with self.lock:
            return [n for n in sorted(self.gateways) if n not in self.down]

    def webhook_url(self, name):
        return f"http://127.0.0.1:{self.gateways[name]['port']}/webhook"

    def base_url(self, name):
        return f"http://127.0.0.1:{self.gateways[name]['port']}"

    # ---- the peers' own state -----------------------------------------------------------------

    def group_instances(self):
        """{instance id: (group, lifecycle state)} of every instance in the pool's groups."""
        out = {}
        r = self.asg.describe_auto_scaling_groups(AutoScalingGroupNames=[g for g, _ in GROUPS])
        for g in r["AutoScalingGroups"]:
            for i in g["Instances"]:
                out[i["InstanceId"]] = (g["AutoScalingGroupName"], i["LifecycleState"])
        return out

    def running_instances(self):
        ids = set()
        paginator = self.ec2.get_paginator("describe_instances")
        for page in paginator.paginate(Filters=[{"Name": "instance-state-name", "Values": ["pending", "running"]}]):
            for res in page["Reservations"]:
                for i in res["Instances"]:
                    ids.add(i["InstanceId"])
        return ids

    def ledger_jobs(self):
        jobs = {}
        paginator = self.ddb.get_paginator("scan")
        for page in paginator.paginate(TableName=TABLE):
            for item in page["Items"]:
                if item.get("kind", {}).get("S") == "job":
                    jobs[int(item["jobId"]["N"])] = item["status"]["S"]
        return jobs

    def github_state(self, full=False):
        return http_json("GET", self.github_admin + "/state" + ("?full=1" if full else ""))[1]

    def close(self):
        try:
            if getattr(self, "aws", None):
                self.aws.close()
        finally:
            self.procs.stop_all()
