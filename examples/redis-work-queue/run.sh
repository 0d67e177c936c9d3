#!/bin/sh
# Runs the Redis work-queue example against a running batchplane (`./batchplane up`):
# makes sure a Redis answers on $REDIS_PORT (starting a throw-away, non-persistent one if not),
# puts 12 items on the queue, and applies job.yaml with that port.
# Usage: examples/redis-work-queue/run.sh   (env: REDIS_PORT, default 6379; KUBECTL, default kubectl)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
port=${REDIS_PORT:-6379}
kubectl=${KUBECTL:-kubectl}
queue=job-queue

if ! redis-cli -p "$port" ping > /dev/null 2>&1; then
  echo "no Redis on port $port; starting one"
  redis-server --port "$port" --save '' --appendonly no --daemonize yes > /dev/null
  tries=0
  until redis-cli -p "$port" ping > /dev/null 2>&1; do
    tries=$((tries + 1))
    [ "$tries" -lt 50 ] || { echo "Redis did not start on port $port" >&2; exit 1; }
    sleep 0.1
  done
fi

redis-cli -p "$port" DEL "$queue" "$queue:done" > /dev/null
for item in apple banana cherry date elderberry fig grape honeydew kiwi lemon mango nectarine; do
  redis-cli -p "$port" RPUSH "$queue" "$item" > /dev/null
done
echo "queued $(redis-cli -p "$port" LLEN "$queue") items on $queue (port $port)"

"$kubectl" set env --local -f "$here/job.yaml" REDIS_PORT="$port" -o yaml | "$kubectl" apply -f -
echo "follow it with: $kubectl get job redis-work-queue -w"
echo "then: redis-cli -p $port LRANGE $queue:done 0 -1"
