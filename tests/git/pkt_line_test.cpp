#include "git/pkt_line.hpp"

#include <doctest/doctest.h>

using namespace nbloop::git;

TEST_SUITE("git") {
  TEST_CASE("PktWriter") {
    StringSink sink;
    PktWriter writer(sink);
    SUBCASE("text packets carry a LF and count their 4 length bytes") {
      CHECK(writer.write_text("version=2").ok());
      CHECK(writer.write_flush().ok());
      CHECK(sink.bytes == "000eversion=2\n0000");
    }
    SUBCASE("empty content writes no packet") {
      CHECK(writer.write_content("").ok());
      CHECK(sink.bytes.empty());
    }
    SUBCASE("content larger than one packet is split at 65516 bytes") {
      std::string data(k_max_pkt_payload + 10, 'x');
      CHECK(writer.write_content(data).ok());
      REQUIRE(sink.bytes.size() == data.size() + 8);
      CHECK(sink.bytes.substr(0, 4) == "fff0");
      CHECK(sink.bytes.substr(4 + k_max_pkt_payload, 4) == "000e");
    }
  }

  TEST_CASE("PktReader") {
    SUBCASE("reads text lists with or without LF, up to the flush") {
      StringSource source("000eversion=2\n000dversion=30000");
      PktReader reader(source);
      auto list = reader.read_text_list();
      REQUIRE(list.ok());
      CHECK(*list == std::vector<std::string>{"version=2", "version=3"});
      bool at_end = false;
      auto next = reader.read_text_list(&at_end);
      REQUIRE(next.ok());
      CHECK(at_end);
    }
    SUBCASE("content is 8-bit clean and joined across packets") {
      std::string payload("a\0b\n", 4);
      StringSource source("0008" + payload + "0005c0000");
      PktReader reader(source);
      std::string out;
      REQUIRE(reader.read_content(out).ok());
      CHECK(out == payload + "c");
    }
    SUBCASE("a malformed length is an error naming it") {
      StringSource source("00zzabc");
      PktReader reader(source);
      auto p = reader.next();
      REQUIRE_FALSE(p.ok());
      CHECK(p.error().message == "protocol error: bad packet length '00zz'");
    }
    SUBCASE("lengths 1 to 3 are invalid") {
      StringSource source("0003");
      PktReader reader(source);
      CHECK_FALSE(reader.next().ok());
    }
    SUBCASE("input ending inside a packet is an error") {
      StringSource source("0010abc");
      PktReader reader(source);
      auto p = reader.next();
      REQUIRE_FALSE(p.ok());
      CHECK(p.error().message == "protocol error: input ended inside a packet");
    }
    SUBCASE("input ending before the flush of a list is an error") {
      StringSource source("000eversion=2\n");
      PktReader reader(source);
      bool at_end = false;
      auto list = reader.read_text_list(&at_end);
      CHECK_FALSE(list.ok());
    }
    SUBCASE("round trip through the writer") {
      StringSink sink;
      PktWriter writer(sink);
      std::string big(200000, '\0');
      for (size_t i = 0; i < big.size(); ++i) {
        big[i] = static_cast<char>(i * 7);
      }
      REQUIRE(writer.write_content(big).ok());
      REQUIRE(writer.write_flush().ok());
      StringSource source(sink.bytes);
      PktReader reader(source);
      std::string out;
      REQUIRE(reader.read_content(out).ok());
      CHECK(out == big);
    }
  }
}
