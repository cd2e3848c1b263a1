#pragma once
// Child processes for tests that need several runners at once or one to kill: fork, pipes, and
// waiting. Children never return into Catch.

#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <cerrno>
#include <cstdio>
#include <exception>
#include <functional>
#include <string>
#include <utility>

namespace tempest_test {

inline void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

struct pipe_pair {
  int read = -1, write = -1;
  pipe_pair() {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    read = fds[0];
    write = fds[1];
  }
  ~pipe_pair() {
    close_fd(read);
    close_fd(write);
  }
  pipe_pair(const pipe_pair&) = delete;
  pipe_pair& operator=(const pipe_pair&) = delete;
};

// Reads up to `size` bytes, until end of file; returns how many.
inline std::size_t read_all(int fd, void* buffer, std::size_t size) {
  std::size_t got = 0;
  while (got < size) {
    auto n = ::read(fd, static_cast<char*>(buffer) + got, size - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<std::size_t>(n);
  }
  return got;
}

// Runs `body` in a child process, which exits with its return value (1 if it throws) and never
// returns into Catch. An alarm kills a child that hangs, so that the parent's wait ends.
inline pid_t spawn(const std::function<int()>& body) {
  std::fflush(nullptr);  // nothing buffered in the parent is written twice
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::alarm(120);
    int rc = 1;
    try {
      rc = body();
    } catch (const std::exception& e) {
      std::fprintf(stderr, "child %d: %s\n", static_cast<int>(::getpid()), e.what());
    } catch (...) {
      std::fprintf(stderr, "child %d: unknown exception\n", static_cast<int>(::getpid()));
    }
    std::fflush(stderr);
    ::_exit(rc);
  }
  return pid;
}

// "exit 0", "exit 1", "signal 9".
inline std::string wait_for(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) return "waitpid failed";
  if (WIFEXITED(status)) return "exit " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return "signal " + std::to_string(WTERMSIG(status));
  return "status " + std::to_string(status);
}

// Runs a shell command; returns its exit status and what it printed (stdout and stderr together).
inline std::pair<int, std::string> run_shell(const std::string& command) {
  std::string output;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  REQUIRE(pipe);
  char buffer[4096];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
  int status = ::pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

// Writes `text` to a new temporary file; returns its path.
inline std::string write_temp_file(const std::string& text) {
  char name[] = "/tmp/tempest-test-XXXXXX";
  int fd = ::mkstemp(name);
  REQUIRE(fd >= 0);
  REQUIRE(::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()));
  ::close(fd);
  return name;
}

}  // namespace tempest_test
