#include "git/filter_process.hpp"

#include <doctest/doctest.h>

using namespace nbloop::git;

namespace {

// Builds what git sends, packet by packet.
struct GitSide {
  StringSink sink;
  PktWriter writer{sink};
  GitSide& text(const std::string& line) {
    REQUIRE(writer.write_text(line).ok());
    return *this;
  }
  GitSide& flush() {
    REQUIRE(writer.write_flush().ok());
    return *this;
  }
  GitSide& content(const std::string& data) {
    REQUIRE(writer.write_content(data).ok());
    return flush();
  }
  GitSide& handshake() {
    return text("git-filter-client").text("version=2").flush()
        .text("capability=clean").text("capability=smudge").text("capability=delay").flush();
  }
  GitSide& request(const std::string& command, const std::string& path, const std::string& data) {
    return text("command=" + command).text("pathname=" + path).flush().content(data);
  }
};

// Parses what the filter answered into a list of packets ("0000" for flush).
std::vector<std::string> packets(const std::string& bytes) {
  StringSource source(bytes);
  PktReader reader(source);
  std::vector<std::string> out;
  for (;;) {
    auto p = reader.next();
    REQUIRE(p.ok());
    if (p->kind == Packet::Kind::end_of_input) {
      return out;
    }
    out.push_back(p->kind == Packet::Kind::flush ? "0000" : p->payload);
  }
}

struct Served {
  nbloop::util::Result<FilterSessionStats> stats;
  std::vector<std::string> answer;
  std::vector<FilterRequest> seen;
};

Served serve(const std::string& input, const FilterFunction& filter) {
  StringSource source(input);
  PktReader reader(source);
  StringSink sink;
  PktWriter writer(sink);
  std::vector<FilterRequest> seen;
  auto recording = [&](const FilterRequest& r, std::string content) {
    seen.push_back(r);
    return filter(r, std::move(content));
  };
  auto stats = serve_filter_process(reader, writer, recording);
  return Served{std::move(stats), packets(sink.bytes), std::move(seen)};
}

// A pipe-like pair: git sends the next message only after it has received the answer, so
// the filter must have flushed everything it wrote whenever it reads.
struct PendingSink final : ByteSink {
  std::string pending;
  std::string delivered;
  nbloop::util::Status write(std::string_view data) override {
    pending.append(data);
    return nbloop::util::Ok{};
  }
  nbloop::util::Status flush() override {
    delivered += pending;
    pending.clear();
    return nbloop::util::Ok{};
  }
};

struct StrictSource final : ByteSource {
  StrictSource(std::string bytes, const PendingSink& sink) : inner(std::move(bytes)), out(sink) {}
  nbloop::util::Result<size_t> read(char* buffer, size_t size) override {
    if (!out.pending.empty()) {
      ++reads_with_unflushed_output;
    }
    return inner.read(buffer, size);
  }
  StringSource inner;
  const PendingSink& out;
  int reads_with_unflushed_output = 0;
};

FilterReply upper(const FilterRequest&, std::string content) {
  for (char& c : content) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return FilterReply{FilterReply::Status::success, std::move(content)};
}

const std::vector<std::string> k_handshake_answer = {"git-filter-server\n", "version=2\n", "0000",
                                                     "capability=clean\n", "capability=smudge\n", "0000"};

}  // namespace

TEST_SUITE("git") {
  TEST_CASE("serve_filter_process") {
    SUBCASE("handshake answers version 2 and only clean and smudge, never delay") {
      GitSide git;
      git.handshake();
      auto s = serve(git.sink.bytes, upper);
      REQUIRE(s.stats.ok());
      CHECK(s.stats->requests == 0);
      CHECK(s.answer == k_handshake_answer);
    }
    SUBCASE("only the capabilities git offers are accepted") {
      GitSide git;
      git.text("git-filter-client").text("version=2").flush().text("capability=clean").flush();
      auto s = serve(git.sink.bytes, upper);
      REQUIRE(s.stats.ok());
      CHECK(s.answer == std::vector<std::string>{"git-filter-server\n", "version=2\n", "0000", "capability=clean\n", "0000"});
    }
    SUBCASE("a clean request gets status, content, and an empty trailing list") {
      GitSide git;
      git.handshake().request("clean", "a.ipynb", "abc");
      auto s = serve(git.sink.bytes, upper);
      REQUIRE(s.stats.ok());
      CHECK(s.stats->requests == 1);
      std::vector<std::string> expected = k_handshake_answer;
      for (const char* p : {"status=success\n", "0000", "ABC", "0000", "0000"}) {
        expected.emplace_back(p);
      }
      CHECK(s.answer == expected);
      REQUIRE(s.seen.size() == 1);
      CHECK(s.seen[0].command == "clean");
      CHECK(s.seen[0].pathname == "a.ipynb");
    }
    SUBCASE("empty content: success then three flushes") {
      GitSide git;
      git.handshake().request("clean", "e.ipynb", "");
      auto s = serve(git.sink.bytes, upper);
      REQUIRE(s.stats.ok());
      std::vector<std::string> tail(s.answer.end() - 4, s.answer.end());
      CHECK(tail == std::vector<std::string>{"status=success\n", "0000", "0000", "0000"});
    }
    SUBCASE("an error for one file does not stop the next") {
      GitSide git;
      git.handshake().request("clean", "bad.ipynb", "x").request("clean", "good.ipynb", "y");
      auto filter = [](const FilterRequest& r, std::string content) {
        if (r.pathname == "bad.ipynb") {
          return FilterReply{FilterReply::Status::error, {}};
        }
        return upper(r, std::move(content));
      };
      auto s = serve(git.sink.bytes, filter);
      REQUIRE(s.stats.ok());
      CHECK(s.stats->requests == 2);
      CHECK(s.stats->errors == 1);
      std::vector<std::string> after(s.answer.begin() + 6, s.answer.end());
      CHECK(after == std::vector<std::string>{"status=error\n", "0000", "status=success\n", "0000", "Y", "0000", "0000"});
    }
    SUBCASE("abort answers every later file with abort, without calling the filter") {
      GitSide git;
      git.handshake().request("clean", "a.ipynb", "x").request("clean", "b.ipynb", "y");
      int calls = 0;
      auto filter = [&](const FilterRequest&, std::string) {
        ++calls;
        return FilterReply{FilterReply::Status::abort, {}};
      };
      auto s = serve(git.sink.bytes, filter);
      REQUIRE(s.stats.ok());
      CHECK(calls == 1);
      CHECK(s.stats->aborted);
      std::vector<std::string> after(s.answer.begin() + 6, s.answer.end());
      CHECK(after == std::vector<std::string>{"status=abort\n", "0000", "status=abort\n", "0000"});
    }
    SUBCASE("extra keys are passed on; values may contain '='") {
      GitSide git;
      git.handshake().text("command=smudge").text("pathname=x.ipynb").text("ref=refs/heads/a=b").flush().content("q");
      auto s = serve(git.sink.bytes, upper);
      REQUIRE(s.stats.ok());
      REQUIRE(s.seen.size() == 1);
      CHECK(s.seen[0].keys.at("ref") == "refs/heads/a=b");
    }
    SUBCASE("a command that was not negotiated is refused per file") {
      GitSide git;
      git.text("git-filter-client").text("version=2").flush().text("capability=clean").flush();
      git.request("smudge", "a.ipynb", "x");
      auto s = serve(git.sink.bytes, upper);
      REQUIRE(s.stats.ok());
      CHECK(s.seen.empty());
      CHECK(s.answer.back() == "0000");
      CHECK(s.answer[s.answer.size() - 2] == "status=error\n");
    }
    SUBCASE("every answer is flushed before the next read (git waits for it)") {
      GitSide git;
      git.handshake().request("clean", "a.ipynb", "x").request("clean", "b.ipynb", "y");
      PendingSink sink;
      StrictSource source(git.sink.bytes, sink);
      PktReader reader(source);
      PktWriter writer(sink);
      auto stats = serve_filter_process(reader, writer, upper);
      REQUIRE(stats.ok());
      CHECK(source.reads_with_unflushed_output == 0);
      CHECK(sink.pending.empty());
      CHECK(packets(sink.delivered).size() == 6 + 10);
    }
    SUBCASE("truncated and corrupted sessions end in an error or a clean end, never a crash") {
      GitSide git;
      git.handshake().request("clean", "a.ipynb", std::string(70000, 'a')).request("smudge", "b.ipynb", "b");
      const std::string session = git.sink.bytes;
      uint32_t seed = 12345;
      auto next_random = [&] {
        seed = seed * 1664525u + 1013904223u;
        return seed >> 8;
      };
      int errors = 0;
      for (int i = 0; i < 500; ++i) {
        std::string input = session.substr(0, next_random() % (session.size() + 1));
        for (int flips = static_cast<int>(next_random() % 4); flips > 0 && !input.empty(); --flips) {
          input[next_random() % input.size()] = static_cast<char>(next_random());
        }
        StringSource source(input);
        PktReader reader(source);
        StringSink sink;
        PktWriter writer(sink);
        auto stats = serve_filter_process(reader, writer, upper);
        errors += stats.ok() ? 0 : 1;
      }
      CHECK(errors > 0);  // most cuts land inside a packet
    }
    SUBCASE("a client that is not git is refused") {
      GitSide git;
      git.text("hello").flush();
      auto s = serve(git.sink.bytes, upper);
      REQUIRE_FALSE(s.stats.ok());
      CHECK(s.answer.empty());
    }
    SUBCASE("no version 2 offered is an error") {
      GitSide git;
      git.text("git-filter-client").text("version=3").flush();
      auto s = serve(git.sink.bytes, upper);
      REQUIRE_FALSE(s.stats.ok());
      CHECK(s.stats.error().message == "protocol error: git did not offer version=2 of the filter protocol");
    }
    SUBCASE("input ending inside a request's content is an error") {
      GitSide git;
      git.handshake().text("command=clean").text("pathname=a.ipynb").flush();
      REQUIRE(git.writer.write_content("partial").ok());
      auto s = serve(git.sink.bytes, upper);
      REQUIRE_FALSE(s.stats.ok());
      CHECK(s.stats.error().message == "protocol error: input ended inside content");
    }
  }
}
