#!/usr/bin/env python3
"""Summarises JFR execution samples of a benchmark thread: inclusive share of chosen frames, and top self frames.

usage: jfr_breakdown.py <recording.jfr> [root-method-substring] [jfr-binary]
Only samples whose stack contains the root (default: DispatchBenchmark.dispatch) are counted. Both
jdk.ExecutionSample (running Java) and jdk.NativeMethodSample (blocked in native code, e.g. a socket read waiting
for a database) are counted, so that time spent waiting on a resume-token store shows up.
Needs a `jfr` tool; JDK 17's works (jfr print --json).
"""
import collections, json, subprocess, sys

path = sys.argv[1]
root = sys.argv[2] if len(sys.argv) > 2 else "DispatchBenchmark.dispatch"
jfr = sys.argv[3] if len(sys.argv) > 3 else "jfr"
out = subprocess.run([jfr, "print", "--json", "--stack-depth", "64", "--events",
                      "jdk.ExecutionSample,jdk.NativeMethodSample", path],
                     capture_output=True, text=True, check=True).stdout
events = json.loads(out)["recording"]["events"]

def name(frame):
    m = frame["method"]
    return m["type"]["name"].replace("/", ".").split(".")[-1] + "." + m["name"]

# what the dispatch path is made of: a sample under Checkpointer.save is a store write wherever it is; otherwise
# the first category found from the leaf up wins
STORE = "store write (checkpoint save, incl. waiting for the database)"
CATEGORIES = [
    ("socket I/O (reading the server's reply)", ["SocketDispatcher.read0", "Net.poll", "NioSocketImpl.park"]),
    ("checkpoint bookkeeping", ["Checkpointer.delivered", "Checkpointer.maybeSave"]),
    ("the observer / listener itself", ["Sink.consume"]),
    ("model decode (fullDocument -> POJO) + ChangeEvent", ["ReceivedChange.as"]),
    ("CDI fire (Weld event resolution + notify)", ["EventImpl.fire", "ObserverMethodImpl.notify", "CdiObserverInvoker.notify",
                                                   "CdiObserverInvoker.fire"]),
    ("listener routing (index lookup, sets)", ["ListenerRegistry.deliver", "ChangeListenerSubscription.deliver"]),
    ("observer routing (ObserverSink)", ["ObserverSink.deliver"]),
    ("reading the raw event (RawChange: one pass over the bytes)", ["RawChange.of", "RawFields.<init>"]),
    ("driver: the change document, from the reply (a tree, or a copy of the raw bytes)",
     ["RawBsonDocument.decode", "RawBsonDocumentCodec.decode", "ChangeStreamDocumentCodec.decode"]),
]
# the model decode of ModelChange goes through RawBsonDocument.decode too: a sample under ReceivedChange.as is a
# model decode, whatever its leaf
MODEL = CATEGORIES[3][0]
total = 0
inclusive = collections.Counter()
selfc = collections.Counter()
cats = collections.Counter()
for e in events:
    frames = e["values"]["stackTrace"]["frames"] if e["values"].get("stackTrace") else []
    names = [name(f) for f in frames]  # leaf first
    if not any(root in n for n in names):
        continue
    total += 1
    for n in set(names):
        inclusive[n] += 1
    selfc[names[0]] += 1
    cat = "other (cursor bookkeeping, the loop, the harness)"
    if any("Checkpointer.save" in n for n in names):
        cat = STORE
    elif any("ReceivedChange.as" in n for n in names):
        cat = MODEL
    for n in ([] if cat in (STORE, MODEL) else names):  # leaf first: the innermost category
        hit = [c for c, keys in CATEGORIES if any(k in n for k in keys)]
        if hit:
            cat = hit[0]
            break
    cats[cat] += 1
print(f"{path}: {total} samples under {root}")
print("breakdown (innermost category of each sample):")
for c, n in cats.most_common():
    print(f"  {100.0 * n / total:5.1f}%  {c}")
print("top self frames:")
for n, c in selfc.most_common(12):
    print(f"  {100.0 * c / total:5.1f}%  {n}")
print("inclusive, selected frames:")
for key in ["EventReplay.dispatch", "RawBsonDocument.decode", "ReceivedChange.<init>", "ReceivedChange.as",
            "ReceivedChange.decode", "RawChange.of", "RawFields.<init>", "ChangeEvent$Builder.build", "ChangeEvent.idOf", "ObserverSink.deliver",
            "EventImpl.fire", "ObserverNotifier.notify", "ObserverMethodImpl.sendEvent", "ListenerRegistry.deliver",
            "ListenerRegistry.indexedMatches", "ChangeListenerSubscription.deliver", "Checkpointer.delivered",
            "Checkpointer.maybeSave", "Checkpointer.save", "MongoNamespace.<init>"]:
    n = sum(c for m, c in inclusive.items() if m == key)
    if n:
        print(f"  {100.0 * n / total:5.1f}%  {key}")
