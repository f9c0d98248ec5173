// What the node's integration tests need, all real: a mosquitto on a free
// loopback port, `cepheus-node` as a process over a real socket, the `cepheus`
// command line, a Paho publisher, and generated readings with their offline
// replay for comparison.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "cepheus/host/http_client.h"

namespace cepheus::test {

// A port nothing listens on now (bound and released).
int free_port();
// A fresh folder under /tmp, removed by the caller's TempDir.
struct TempDir {
  TempDir();
  ~TempDir();
  std::string path;
};

// A child process with its standard output and error in a log file.
class Process {
 public:
  Process(const std::vector<std::string>& argv, const std::string& log_path);
  ~Process();
  bool alive();
  void kill9();
  // SIGTERM, then waits; the exit status (or 128 + signal).
  int terminate();
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  bool reaped_ = false;
};

// A test certificate authority and a server certificate it signed, for
// 127.0.0.1 and localhost, made with the openssl command in `dir`.
struct TestCertificates {
  std::string ca;    // the authority's certificate (PEM): what clients trust
  std::string cert;  // the server's certificate
  std::string key;   // its private key
};
TestCertificates make_test_certificates(const std::string& dir);

// A second mosquitto listener that speaks TLS and wants a user name and password.
struct BrokerTlsListener {
  TestCertificates certificates;
  std::string username, password;
};

// mosquitto with persistence, so that sessions survive a broker restart.
class Broker {
 public:
  // With `tls`, a second listener (tls_url()) takes only TLS clients that log in;
  // the first stays open, for the tests' own publishers.
  explicit Broker(const std::string& dir, const BrokerTlsListener* tls = nullptr);
  void start();
  void stop();
  std::string url() const { return "tcp://127.0.0.1:" + std::to_string(port_); }
  std::string tls_url() const { return "ssl://127.0.0.1:" + std::to_string(tls_port_); }
  int port() const { return port_; }

 private:
  std::string dir_;
  int port_;
  int tls_port_ = 0;
  std::unique_ptr<Process> process_;
};

class Node {
 public:
  static constexpr const char* kToken = "integration-test-token";
  Node(const std::string& data_dir, const std::string& broker_url, std::vector<std::string> extra = {});
  // Starts the process and waits until /api/v1/health answers.
  void start();
  void kill9();
  int stop();
  bool alive() { return process_ && process_->alive(); }
  // Resident memory of the running process, from /proc (0 when not running).
  std::size_t resident_bytes() const;
  // https:// when the node serves its API over TLS (--tls-cert among its flags).
  std::string url() const;
  const std::string& log_path() const { return log_; }
  host::HttpResponse api(const std::string& method, const std::string& path, const std::string& body = "",
                         const std::string& token = kToken) const;
  // A counter from GET /metrics (0 when absent).
  double metric(const std::string& name_and_labels) const;

 private:
  std::string data_dir_, broker_url_, log_;
  std::vector<std::string> extra_;
  int port_;
  std::unique_ptr<Process> process_;
  int starts_ = 0;
};

// Runs `cepheus ARGS` with CEPHEUS_NODE/CEPHEUS_TOKEN unset; returns its standard
// output (and its standard error after it, with `with_errors`).
std::string run_cli(const std::vector<std::string>& args, int* exit_code = nullptr, bool with_errors = false);

class Publisher {
 public:
  explicit Publisher(const std::string& broker_url);
  ~Publisher();
  // QoS 1; waits for the broker's acknowledgement. Retries while the broker is away.
  void publish(const std::string& topic, const std::string& payload);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

struct Reading {
  std::string device;
  double temp = 0;
  std::string ts;  // ISO-8601
};

// `devices` presses reading every 5 s for `minutes`, with hot spells, in time
// order; a last reading of "zz-sentinel" far later closes every window.
std::vector<Reading> generate_readings(int devices, int minutes, unsigned seed);
std::string topic_of(const Reading& r);
std::string payload_of(const Reading& r);

// The alerts an offline `cepheus run --replay` of `readings` raises, one JSON line each.
std::vector<std::string> offline_alerts(const std::string& project, const std::vector<Reading>& readings,
                                        const std::string& dir);
// The node's journal, as `cepheus alerts` prints it.
std::vector<std::string> node_alerts(const Node& node);
// For a failure message: the alerts of `expected` missing from `actual`, those
// `actual` has beyond `expected` (duplicates included), and where the order first differs.
std::string alert_difference(const std::vector<std::string>& actual, const std::vector<std::string>& expected);

// A webhook receiver on a free loopback port: answers each POST with the next
// status of `statuses` (the last one from then on) and keeps what it was sent.
class HookReceiver {
 public:
  explicit HookReceiver(std::vector<int> statuses);
  ~HookReceiver();
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hook"; }
  // The bodies received so far, with the status each was answered with.
  std::vector<std::pair<int, std::string>> received() const;

 private:
  void serve();
  std::vector<int> statuses_;
  int listener_ = -1;
  int port_ = 0;
  mutable std::mutex mutex_;
  std::vector<std::pair<int, std::string>> received_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

// Polls `condition` every 50 ms for up to `limit`.
bool eventually(const std::function<bool()>& condition, std::chrono::seconds limit);

// `cepheus deploy PROJECT --name NAME` to the node; a failed deploy fails the test.
void deploy(const Node& node, const std::string& project, const std::string& name);
// Waits (up to a minute) until the node's journal holds at least `expected` alerts.
bool alerts_settle(const Node& node, std::size_t expected);

}  // namespace cepheus::test
