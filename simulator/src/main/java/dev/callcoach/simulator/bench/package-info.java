/**
 * The bridge load benchmark (docs/benchmarks.md, "Bridge load benchmark"): a load generator that
 * reserves calls through the channel as the webapp does and then acts as Twilio for each of them,
 * a lean Realtime peer in place of OpenAI, and the measurements both take. Audio frames carry a
 * tag ({@link dev.callcoach.simulator.bench.AudioTag}) so each side can tell how long a frame took
 * through the bridge. Run by {@code scripts/bench-bridge.sh}; never imported by production code.
 */
package dev.callcoach.simulator.bench;
