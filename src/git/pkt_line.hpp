// git's pkt-line framing (gitprotocol-common "pkt-line Format") over byte streams that can be
// file descriptors or in-memory strings, so the filter protocol is testable without git.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.hpp"

namespace nbloop::git {

/// Largest payload of one pkt-line: 65520 bytes per packet minus the 4-byte length.
inline constexpr size_t k_max_pkt_payload = 65516;

/// A source of bytes.
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  /// Reads up to `size` bytes into `buffer`; returns 0 only at end of input.
  virtual util::Result<size_t> read(char* buffer, size_t size) = 0;
};

/// A destination for bytes; `flush` pushes buffered bytes out.
class ByteSink {
 public:
  virtual ~ByteSink() = default;
  virtual util::Status write(std::string_view bytes) = 0;
  virtual util::Status flush() = 0;
};

/// Reads a file descriptor through a 64 KiB buffer.
class FdSource final : public ByteSource {
 public:
  explicit FdSource(int fd) : m_fd(fd) {}
  util::Result<size_t> read(char* buffer, size_t size) override;

 private:
  int m_fd;
  std::string m_buffer = std::string(size_t{1} << 16, '\0');
  size_t m_begin = 0;
  size_t m_end = 0;
};

/// Writes to a file descriptor through a 64 KiB buffer.
class FdSink final : public ByteSink {
 public:
  explicit FdSink(int fd) : m_fd(fd) {}
  util::Status write(std::string_view bytes) override;
  util::Status flush() override;

 private:
  int m_fd;
  std::string m_buffer;
};

/// Reads from a string (for tests).
class StringSource final : public ByteSource {
 public:
  explicit StringSource(std::string bytes) : m_bytes(std::move(bytes)) {}
  util::Result<size_t> read(char* buffer, size_t size) override;

 private:
  std::string m_bytes;
  size_t m_pos = 0;
};

/// Collects everything written in `bytes` (for tests).
class StringSink final : public ByteSink {
 public:
  util::Status write(std::string_view data) override {
    bytes.append(data);
    return util::Ok{};
  }
  util::Status flush() override { return util::Ok{}; }
  std::string bytes;
};

/// One packet read from the stream.
struct Packet {
  enum class Kind { data, flush, end_of_input };
  Kind kind = Kind::end_of_input;
  std::string payload;  ///< data packets only
};

/// Reads pkt-lines. Failure kinds: a malformed length, input ending inside a packet, a read error.
class PktReader {
 public:
  explicit PktReader(ByteSource& source) : m_source(source) {}

  /// The next packet; `end_of_input` when the stream ends cleanly between packets.
  util::Result<Packet> next();

  /// Reads text packets up to a flush, each without its trailing LF. `*at_end` is set (and
  /// the list is empty) when the input ended before the first packet; input ending later is
  /// an error.
  util::Result<std::vector<std::string>> read_text_list(bool* at_end = nullptr);

  /// Appends data packets up to a flush to `out`.
  util::Status read_content(std::string& out);

 private:
  util::Status read_exactly(char* buffer, size_t size, bool* clean_end);
  ByteSource& m_source;
};

/// Writes pkt-lines.
class PktWriter {
 public:
  explicit PktWriter(ByteSink& sink) : m_sink(sink) {}

  /// One text packet: `line` plus LF.
  util::Status write_text(std::string_view line);
  /// `data` as as many packets as it needs (none for empty data).
  util::Status write_content(std::string_view data);
  /// A flush packet ("0000").
  util::Status write_flush();
  /// Pushes buffered output to the stream.
  util::Status flush() { return m_sink.flush(); }

 private:
  util::Status write_packet(std::string_view payload);
  ByteSink& m_sink;
};

}  // namespace nbloop::git
