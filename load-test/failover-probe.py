"""The capacity-service's failover when the instance that owns the event's partition is killed (docs/reliability.md).

Against `java -jar local-stack/target/local-stack.jar --fresh --instances 2`, from the repository root: registrations
for kongres-2024 at about 20/s for 25 s; 8 s in, SIGKILL to the capacity instance whose log decided the latest of
them. The ids go to /tmp/failover-ids.txt; then, in psql on the registration database:

  create temp table ids(id text); \copy ids from '/tmp/failover-ids.txt'
  select count(*), count(decided_at), percentile_cont(0.99) within group (order by decided_at - created_at),
         max(decided_at - created_at) from registrations join ids using (id);
"""
import json, time, uuid, urllib.request, os, threading
BASE="http://localhost:8080"
def post(email):
    body=json.dumps({"firstName":"Anna","lastName":"Nowak","email":email,"sessionIds":["day-1"],"locale":"pl","consents":{"terms":True,"privacy":True}}).encode()
    req=urllib.request.Request(BASE+"/api/events/kongres-2024/registrations",data=body,headers={"Content-Type":"application/json","Idempotency-Key":str(uuid.uuid4())})
    for attempt in range(50):
        try: return json.loads(urllib.request.urlopen(req,timeout=30).read())["registrationId"]
        except Exception: time.sleep(0.5)
ids=[]
def sender():
    end=time.time()+25
    while time.time()<end:
        ids.append(post(f"load-{uuid.uuid4().hex[:10]}@example.org")); time.sleep(0.05)
t=threading.Thread(target=sender); t.start()
time.sleep(8)
# the owner: the instance whose log decided the latest registration
owner=max((1,2), key=lambda n: open(f"data/logs/capacity-service-{n}.log").read().count(ids[-5]))
pid=int(open(f"data/capacity-service-{owner}.pid").read().strip())
os.kill(pid,9); print(f"killed capacity-service-{owner} at {time.strftime('%H:%M:%S')}", flush=True)
t.join()
print("sent", len(ids))
open("/tmp/failover-ids.txt","w").write("\n".join(ids))
