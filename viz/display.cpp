#include "viz/display.hpp"

#include <X11/Xlib.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <string>

namespace rt::viz {
namespace {

// The Xvfb this process started; stopped when the process ends (and by the
// kernel, PR_SET_PDEATHSIG, when it dies without running destructors).
struct OwnXvfb {
  pid_t pid = -1;
  OwnXvfb() = default;
  OwnXvfb(const OwnXvfb&) = delete;
  OwnXvfb& operator=(const OwnXvfb&) = delete;
  ~OwnXvfb() {
    if (pid > 0) {
      ::kill(pid, SIGTERM);
      ::waitpid(pid, nullptr, 0);
    }
  }
};

OwnXvfb g_xvfb;
bool g_tried = false;
std::string g_error;

bool can_connect(const char* name) {
  Display* d = XOpenDisplay(name);
  if (d == nullptr) return false;
  XCloseDisplay(d);
  return true;
}

std::string find_in_path(const std::string& exe) {
  const char* path = std::getenv("PATH");
  const std::string dirs = path != nullptr && *path != '\0' ? path : "/usr/bin:/bin";
  std::size_t start = 0;
  while (start <= dirs.size()) {
    const std::size_t end = std::min(dirs.find(':', start), dirs.size());
    const std::string candidate = dirs.substr(start, end - start) + "/" + exe;
    if (end > start && ::access(candidate.c_str(), X_OK) == 0) return candidate;
    start = end + 1;
  }
  return {};
}

// Starts Xvfb on a free display (-displayfd: it writes the number it chose
// once it accepts connections). Returns "" and sets *display, or says why not.
std::string start_xvfb(std::string* display) {
  const std::string exe = find_in_path("Xvfb");
  if (exe.empty()) return "Xvfb is not installed";
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return "cannot create a pipe for Xvfb";
  // The write end stays open across exec; everything is prepared before the
  // fork so that the child only calls async-signal-safe functions.
  ::fcntl(fds[1], F_SETFD, 0);
  const std::string fd_text = std::to_string(fds[1]);
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    return "cannot fork to start Xvfb";
  }
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    const int null = ::open("/dev/null", O_RDWR);
    if (null >= 0) {
      ::dup2(null, STDIN_FILENO);
      ::dup2(null, STDOUT_FILENO);
      ::dup2(null, STDERR_FILENO);
    }
    ::execl(exe.c_str(), "Xvfb", "-displayfd", fd_text.c_str(), "-screen", "0", "2048x1536x24",
            "-nolisten", "tcp", "-noreset", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(fds[1]);
  std::string number;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  bool done = false;
  while (!done) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                          deadline - std::chrono::steady_clock::now())
                          .count();
    if (left <= 0) break;
    pollfd p{fds[0], POLLIN, 0};
    const int r = ::poll(&p, 1, static_cast<int>(left));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break;
    char buf[32];
    const ssize_t n = ::read(fds[0], buf, sizeof buf);
    if (n <= 0) break;
    for (ssize_t i = 0; i < n; ++i) {
      if (buf[i] == '\n') done = true;
      if (buf[i] >= '0' && buf[i] <= '9' && !done) number += buf[i];
    }
  }
  ::close(fds[0]);
  if (!done || number.empty()) {
    ::kill(pid, SIGTERM);
    ::waitpid(pid, nullptr, 0);
    return "Xvfb (" + exe + ") did not start within 20 s";
  }
  g_xvfb.pid = pid;
  *display = ":" + number;
  return {};
}

}  // namespace

std::string ensure_display() {
  if (g_tried) return g_error;
  g_tried = true;
  std::string display;
  const std::string why = start_xvfb(&display);
  if (why.empty()) {
    ::setenv("DISPLAY", display.c_str(), 1);
    if (can_connect(display.c_str())) return {};
    g_error = "cannot connect to the Xvfb started on " + display;
    return g_error;
  }
  const char* d = std::getenv("DISPLAY");
  if (d != nullptr && *d != '\0' && can_connect(d)) return {};
  g_error = why +
            (d != nullptr && *d != '\0'
                 ? std::string(" and DISPLAY=") + d + " does not accept connections"
                 : std::string(" and DISPLAY is not set")) +
            "; VTK draws through X: install Xvfb (apt-get install xvfb) or run where an X "
            "display is open";
  return g_error;
}

}  // namespace rt::viz
