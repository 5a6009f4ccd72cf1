#include "git/pkt_line.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "util/file_io.hpp"

namespace nbloop::git {

util::Result<size_t> FdSource::read(char* buffer, size_t size) {
  if (m_begin == m_end) {
    for (;;) {
      ssize_t n = ::read(m_fd, m_buffer.data(), m_buffer.size());
      if (n < 0 && errno == EINTR) {
        continue;
      }
      if (n < 0) {
        return util::make_error(std::string("cannot read input: ") + std::strerror(errno));
      }
      m_begin = 0;
      m_end = static_cast<size_t>(n);
      break;
    }
    if (m_end == 0) {
      return size_t{0};
    }
  }
  size_t n = std::min(size, m_end - m_begin);
  std::memcpy(buffer, m_buffer.data() + m_begin, n);
  m_begin += n;
  return n;
}

util::Status FdSink::write(std::string_view bytes) {
  if (m_buffer.size() + bytes.size() > (size_t{1} << 16)) {
    if (auto st = flush(); !st) {
      return st;
    }
    if (bytes.size() >= (size_t{1} << 16)) {
      return util::write_all(m_fd, bytes);
    }
  }
  m_buffer.append(bytes);
  return util::Ok{};
}

util::Status FdSink::flush() {
  if (m_buffer.empty()) {
    return util::Ok{};
  }
  auto st = util::write_all(m_fd, m_buffer);
  m_buffer.clear();
  return st;
}

util::Result<size_t> StringSource::read(char* buffer, size_t size) {
  size_t n = std::min(size, m_bytes.size() - m_pos);
  std::memcpy(buffer, m_bytes.data() + m_pos, n);
  m_pos += n;
  return n;
}

util::Status PktReader::read_exactly(char* buffer, size_t size, bool* clean_end) {
  size_t got = 0;
  while (got < size) {
    auto n = m_source.read(buffer + got, size - got);
    if (!n) {
      return n.error();
    }
    if (*n == 0) {
      if (got == 0 && clean_end != nullptr) {
        *clean_end = true;
        return util::Ok{};
      }
      return util::make_error("protocol error: input ended inside a packet");
    }
    got += *n;
  }
  return util::Ok{};
}

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

util::Result<Packet> PktReader::next() {
  char header[4];
  bool clean_end = false;
  if (auto st = read_exactly(header, 4, &clean_end); !st) {
    return st.error();
  }
  Packet packet;
  if (clean_end) {
    packet.kind = Packet::Kind::end_of_input;
    return packet;
  }
  size_t length = 0;
  for (char c : header) {
    int v = hex_value(c);
    if (v < 0) {
      return util::make_error("protocol error: bad packet length '" + std::string(header, 4) + "'");
    }
    length = length * 16 + static_cast<size_t>(v);
  }
  if (length == 0) {
    packet.kind = Packet::Kind::flush;
    return packet;
  }
  if (length < 4 || length > k_max_pkt_payload + 4) {
    return util::make_error("protocol error: bad packet length '" + std::string(header, 4) + "'");
  }
  packet.kind = Packet::Kind::data;
  packet.payload.resize(length - 4);
  if (auto st = read_exactly(packet.payload.data(), packet.payload.size(), nullptr); !st) {
    return st.error();
  }
  return packet;
}

util::Result<std::vector<std::string>> PktReader::read_text_list(bool* at_end) {
  std::vector<std::string> lines;
  if (at_end != nullptr) {
    *at_end = false;
  }
  for (bool first = true;; first = false) {
    auto packet = next();
    if (!packet) {
      return packet.error();
    }
    switch (packet->kind) {
      case Packet::Kind::flush:
        return lines;
      case Packet::Kind::end_of_input:
        if (first && at_end != nullptr) {
          *at_end = true;
          return lines;
        }
        return util::make_error("protocol error: input ended before a flush packet");
      case Packet::Kind::data:
        if (!packet->payload.empty() && packet->payload.back() == '\n') {
          packet->payload.pop_back();
        }
        lines.push_back(std::move(packet->payload));
        break;
    }
  }
}

util::Status PktReader::read_content(std::string& out) {
  for (;;) {
    auto packet = next();
    if (!packet) {
      return packet.error();
    }
    if (packet->kind == Packet::Kind::flush) {
      return util::Ok{};
    }
    if (packet->kind == Packet::Kind::end_of_input) {
      return util::make_error("protocol error: input ended inside content");
    }
    out.append(packet->payload);
  }
}

util::Status PktWriter::write_packet(std::string_view payload) {
  static const char* k_hex = "0123456789abcdef";
  size_t length = payload.size() + 4;
  char header[4] = {k_hex[(length >> 12) & 15], k_hex[(length >> 8) & 15], k_hex[(length >> 4) & 15],
                    k_hex[length & 15]};
  if (auto st = m_sink.write(std::string_view(header, 4)); !st) {
    return st;
  }
  return m_sink.write(payload);
}

util::Status PktWriter::write_text(std::string_view line) {
  std::string payload(line);
  payload += '\n';
  return write_packet(payload);
}

util::Status PktWriter::write_content(std::string_view data) {
  while (!data.empty()) {
    size_t n = std::min(data.size(), k_max_pkt_payload);
    if (auto st = write_packet(data.substr(0, n)); !st) {
      return st;
    }
    data.remove_prefix(n);
  }
  return util::Ok{};
}

util::Status PktWriter::write_flush() { return m_sink.write("0000"); }

}  // namespace nbloop::git
