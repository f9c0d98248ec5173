#include "node_harness.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <gtest/gtest.h>
#include <mqtt/async_client.h>

extern char** environ;

namespace cepheus::test {

int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address));
  socklen_t length = sizeof(address);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  const int port = ntohs(address.sin_port);
  ::close(fd);
  return port;
}

TempDir::TempDir() {
  std::string pattern = "/tmp/cepheus-node-test-XXXXXX";
  if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  path = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  if (!std::getenv("CEPHEUS_KEEP_TEST_DIRS")) std::filesystem::remove_all(path, ignored);
}

Process::Process(const std::vector<std::string>& argv, const std::string& log_path) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  if (posix_spawn(&pid_, args[0], &actions, nullptr, args.data(), environ) != 0) {
    throw std::runtime_error("cannot start " + argv[0]);
  }
  posix_spawn_file_actions_destroy(&actions);
}

Process::~Process() {
  if (!reaped_) kill9();
}

bool Process::alive() {
  if (reaped_) return false;
  int status = 0;
  if (::waitpid(pid_, &status, WNOHANG) == pid_) {
    reaped_ = true;
    return false;
  }
  return true;
}

void Process::kill9() {
  if (reaped_) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  reaped_ = true;
}

int Process::terminate() {
  if (reaped_) return -1;
  ::kill(pid_, SIGTERM);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  reaped_ = true;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

TestCertificates make_test_certificates(const std::string& dir) {
  const TestCertificates made{dir + "/ca.pem", dir + "/server.pem", dir + "/server.key"};
  std::ofstream(dir + "/server.ext") << "subjectAltName=IP:127.0.0.1,DNS:localhost\n";
  const std::string key = " -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";
  const std::string script =
      "cd '" + dir + "' && openssl req -x509" + key + " -keyout ca.key -out ca.pem -days 2 -subj /CN=cepheus-test-ca" +
      " && openssl req" + key + " -keyout server.key -out server.csr -subj /CN=localhost" +
      " && openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 2" +
      " -extfile server.ext && chmod 644 ca.pem server.pem server.key";
  if (std::system((script + " >openssl.log 2>&1").c_str()) != 0) {
    throw std::runtime_error("openssl could not make test certificates; see " + dir + "/openssl.log");
  }
  return made;
}

Broker::Broker(const std::string& dir, const BrokerTlsListener* tls) : dir_(dir), port_(free_port()) {
  std::ofstream conf(dir_ + "/broker.conf");
  if (tls) conf << "per_listener_settings true\n";
  conf << "listener " << port_ << " 127.0.0.1\nallow_anonymous true\n"
       << "persistence true\npersistence_location " << dir_ << "/\n"
       << "max_queued_messages 1000000\n";
  if (tls) {
    tls_port_ = free_port();
    const std::string passwords = dir_ + "/broker.passwd";
    const std::string make_passwords =
        "mosquitto_passwd -b -c '" + passwords + "' '" + tls->username + "' '" + tls->password + "' >/dev/null 2>&1";
    if (std::system(make_passwords.c_str()) != 0) throw std::runtime_error("mosquitto_passwd failed");
    // mosquitto started as root reads these as the user `mosquitto`.
    ::chmod(passwords.c_str(), 0644);
    ::chmod(dir_.c_str(), 0711);
    conf << "listener " << tls_port_ << " 127.0.0.1\nallow_anonymous false\npassword_file " << passwords << "\n"
         << "cafile " << tls->certificates.ca << "\ncertfile " << tls->certificates.cert << "\nkeyfile "
         << tls->certificates.key << "\n";
  }
  conf.close();
  start();
}

void Broker::start() {
  process_ = std::make_unique<Process>(std::vector<std::string>{"/usr/sbin/mosquitto", "-c", dir_ + "/broker.conf"},
                                       dir_ + "/broker.log");
  // Ready when it accepts a connection.
  eventually(
      [&] {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = htons(static_cast<std::uint16_t>(port_));
        const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0;
        ::close(fd);
        return ok;
      },
      std::chrono::seconds(10));
}

void Broker::stop() {
  if (process_) process_->terminate();
  process_.reset();
}

Node::Node(const std::string& data_dir, const std::string& broker_url, std::vector<std::string> extra)
    : data_dir_(data_dir),
      broker_url_(broker_url),
      log_(data_dir + ".log"),
      extra_(std::move(extra)),
      port_(free_port()) {}

void Node::start() {
  std::vector<std::string> argv = {
      CEPHEUS_NODE_BINARY, "--data-dir", data_dir_, "--listen", "127.0.0.1:" + std::to_string(port_),
      "--token",           kToken};
  if (!broker_url_.empty()) {
    argv.push_back("--mqtt");
    argv.push_back(broker_url_);
  }
  argv.insert(argv.end(), extra_.begin(), extra_.end());
  process_ = std::make_unique<Process>(argv, log_);
  ++starts_;
  const bool up = eventually(
      [&] {
        auto r = host::http_request("GET", url() + "/api/v1/health",
                                    {{"Authorization", std::string("Bearer ") + kToken}}, "", std::chrono::seconds(2));
        // With a broker: up once connected, so that deploys subscribe at once.
        return r.ok() && r->status == 200 &&
               (broker_url_.empty() || r->body.find("\"default\":\"connected\"") != std::string::npos);
      },
      std::chrono::seconds(20));
  if (!up) throw std::runtime_error("cepheus-node did not come up; see " + log_);
}

void Node::kill9() {
  if (process_) process_->kill9();
}

int Node::stop() {
  return process_ ? process_->terminate() : -1;
}

std::size_t Node::resident_bytes() const {
  if (!process_) return 0;
  std::ifstream status("/proc/" + std::to_string(process_->pid()) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.starts_with("VmRSS:")) return std::stoul(line.substr(6)) * 1024;  // "VmRSS:  12345 kB"
  }
  return 0;
}

std::string Node::url() const {
  const bool tls = std::find(extra_.begin(), extra_.end(), "--tls-cert") != extra_.end();
  return (tls ? "https://127.0.0.1:" : "http://127.0.0.1:") + std::to_string(port_);
}

host::HttpResponse Node::api(const std::string& method, const std::string& path, const std::string& body,
                             const std::string& token) const {
  host::HttpHeaders headers;
  if (!token.empty()) headers.emplace_back("Authorization", "Bearer " + token);
  auto r = host::http_request(method, url() + path, headers, body, std::chrono::seconds(30));
  if (!r.ok()) return {0, "", r.status().message()};
  return *r;
}

double Node::metric(const std::string& name_and_labels) const {
  const host::HttpResponse r = api("GET", "/metrics");
  std::istringstream lines(r.body);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind(name_and_labels + " ", 0) == 0) return std::stod(line.substr(name_and_labels.size() + 1));
  }
  return 0;
}

std::string run_cli(const std::vector<std::string>& args, int* exit_code, bool with_errors) {
  std::string command = "env -u CEPHEUS_NODE -u CEPHEUS_TOKEN " + std::string(CEPHEUS_CLI_BINARY);
  for (const std::string& a : args) command += " '" + a + "'";
  command += with_errors ? " 2>&1" : " 2>/dev/null";
  FILE* pipe = ::popen(command.c_str(), "r");
  std::string out;
  char buffer[4096];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof(buffer), pipe)) > 0) out.append(buffer, n);
  const int status = ::pclose(pipe);
  if (exit_code) *exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

struct Publisher::Impl {
  explicit Impl(const std::string& url)
      : client(url, "cepheus-test-publisher-" + std::to_string(::getpid()),
               mqtt::create_options_builder().send_while_disconnected(true).max_buffered_messages(1000000).finalize()) {
    client
        .connect(mqtt::connect_options_builder()
                     .clean_session(true)
                     .automatic_reconnect(std::chrono::milliseconds(100), std::chrono::seconds(1))
                     .finalize())
        ->wait();
  }
  mqtt::async_client client;
};

Publisher::Publisher(const std::string& broker_url) : impl_(std::make_unique<Impl>(broker_url)) {}

Publisher::~Publisher() {
  try {
    impl_->client.disconnect()->wait_for(std::chrono::seconds(5));
  } catch (const mqtt::exception&) {
  }
}

void Publisher::publish(const std::string& topic, const std::string& payload) {
  // Buffered while the broker is away and sent on reconnection, in order.
  auto token = impl_->client.publish(topic, payload.data(), payload.size(), 1, false);
  token->wait_for(std::chrono::seconds(30));
}

std::vector<Reading> generate_readings(int devices, int minutes, unsigned seed) {
  std::mt19937 random(seed);
  std::uniform_real_distribution<double> normal(60, 79);
  std::uniform_real_distribution<double> hot(80.5, 95);
  std::uniform_int_distribution<int> spell(0, 40);
  std::vector<Reading> readings;
  std::vector<int> hot_left(static_cast<std::size_t>(devices), 0);
  const std::int64_t start = 1795680000;  // 2026-11-26T08:00:00Z
  for (int second = 0; second < minutes * 60; second += 5) {
    for (int d = 0; d < devices; ++d) {
      int& left = hot_left[static_cast<std::size_t>(d)];
      if (left == 0 && spell(random) == 0) left = 4;
      const double temp = left > 0 ? hot(random) : normal(random);
      if (left > 0) --left;
      char device[32], ts[32];
      std::snprintf(device, sizeof(device), "press-%03d", d);
      const std::time_t t = static_cast<std::time_t>(start + second);
      std::strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
      readings.push_back({device, std::round(temp * 10) / 10, ts});
    }
  }
  char ts[32];
  const std::time_t last = static_cast<std::time_t>(start + minutes * 60 + 3600);
  std::strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&last));
  readings.push_back({"zz-sentinel", 20.0, ts});
  return readings;
}

std::string topic_of(const Reading& r) {
  return "test/" + r.device + "/readings";
}

std::string payload_of(const Reading& r) {
  char temp[32];
  std::snprintf(temp, sizeof(temp), "%.1f", r.temp);
  return std::string("{\"temp\":") + temp + ",\"ts\":\"" + r.ts + "\"}";
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

std::vector<std::string> offline_alerts(const std::string& project, const std::vector<Reading>& readings,
                                        const std::string& dir) {
  const std::string path = dir + "/replay.jsonl";
  std::ofstream out(path);
  for (const Reading& r : readings) {
    char temp[32];
    std::snprintf(temp, sizeof(temp), "%.1f", r.temp);
    out << "{\"source\":\"readings\",\"event\":{\"device\":\"" << r.device << "\",\"temp\":" << temp << ",\"ts\":\""
        << r.ts << "\"}}\n";
  }
  out.close();
  return lines_of(run_cli({"run", project, "--replay", path}));
}

std::vector<std::string> node_alerts(const Node& node) {
  return lines_of(run_cli({"alerts", "--node", node.url(), "--token", Node::kToken}));
}

std::string alert_difference(const std::vector<std::string>& actual, const std::vector<std::string>& expected) {
  std::multiset<std::string> unmatched(actual.begin(), actual.end());
  std::string missing;
  for (const std::string& alert : expected) {
    const auto found = unmatched.find(alert);
    if (found == unmatched.end()) {
      missing += "\n  " + alert;
    } else {
      unmatched.erase(found);
    }
  }
  std::string extra;
  for (const std::string& alert : unmatched) extra += "\n  " + alert;
  std::size_t same = 0;
  while (same < actual.size() && same < expected.size() && actual[same] == expected[same]) ++same;
  return std::to_string(actual.size()) + " alerts, " + std::to_string(expected.size()) + " expected; the first " +
         std::to_string(same) + " agree\nmissing:" + missing + "\nextra:" + extra;
}

bool eventually(const std::function<bool()>& condition, std::chrono::seconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return condition();
}

HookReceiver::HookReceiver(std::vector<int> statuses) : statuses_(std::move(statuses)) {
  listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof(address);
  if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), size) != 0 || ::listen(listener_, 16) != 0 ||
      ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
    throw std::runtime_error("the webhook receiver cannot listen");
  }
  port_ = ntohs(address.sin_port);
  thread_ = std::thread([this] { serve(); });
}

HookReceiver::~HookReceiver() {
  stopping_ = true;
  ::shutdown(listener_, SHUT_RDWR);
  ::close(listener_);
  thread_.join();
}

std::vector<std::pair<int, std::string>> HookReceiver::received() const {
  std::lock_guard lock(mutex_);
  return received_;
}

void HookReceiver::serve() {
  while (!stopping_) {
    const int client = ::accept(listener_, nullptr, nullptr);
    if (client < 0) continue;
    // One request per connection: the headers, then Content-Length bytes of body.
    std::string request;
    char buffer[4096];
    std::size_t body_at = std::string::npos, length = 0;
    while (body_at == std::string::npos || request.size() < body_at + length) {
      const ssize_t n = ::recv(client, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      request.append(buffer, static_cast<std::size_t>(n));
      if (body_at == std::string::npos && (body_at = request.find("\r\n\r\n")) != std::string::npos) {
        body_at += 4;
        std::string headers = request.substr(0, body_at);
        std::transform(headers.begin(), headers.end(), headers.begin(), ::tolower);
        const std::size_t field = headers.find("content-length:");
        if (field != std::string::npos) length = std::stoul(headers.substr(field + 15));
      }
    }
    int status = 0;
    {
      std::lock_guard lock(mutex_);
      status = statuses_[std::min(received_.size(), statuses_.size() - 1)];
      received_.emplace_back(status, body_at == std::string::npos ? "" : request.substr(body_at));
    }
    const std::string answer =
        "HTTP/1.1 " + std::to_string(status) + " Test\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    (void)::send(client, answer.data(), answer.size(), MSG_NOSIGNAL);
    ::close(client);
  }
}

void deploy(const Node& node, const std::string& project, const std::string& name) {
  int code = -1;
  const std::string out =
      run_cli({"deploy", project, "--node", node.url(), "--token", Node::kToken, "--name", name}, &code);
  ASSERT_EQ(code, 0) << out;
}

bool alerts_settle(const Node& node, std::size_t expected) {
  return eventually([&] { return node_alerts(node).size() >= expected; }, std::chrono::seconds(60));
}

}  // namespace cepheus::test
