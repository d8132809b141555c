// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/container/NameGenerator.h"

#include <array>
#include <random>
#include <string_view>

namespace strata::engine::container {
namespace {

constexpr std::array<std::string_view, 40> kAdjectives{
    "brave",    "calm",     "clever",  "cool",     "curious", "dazzling", "eager",     "elastic",
    "festive",  "focused",  "gallant", "gentle",   "happy",   "hopeful",  "jolly",     "keen",
    "kind",     "lucid",    "modest",  "nifty",    "nostalgic", "patient", "peaceful", "quirky",
    "relaxed",  "serene",   "sharp",   "silly",    "stoic",   "sweet",    "tender",    "trusting",
    "upbeat",   "vibrant",  "vigilant", "wizardly", "wonderful", "youthful", "zealous", "zen"};

// Scientists and engineers.
constexpr std::array<std::string_view, 40> kNames{
    "agnesi",  "archimedes", "babbage", "bardeen",  "bohr",     "curie",   "darwin",   "dijkstra",
    "einstein", "euler",     "faraday", "fermi",    "feynman",  "franklin", "galileo", "gauss",
    "hamilton", "hopper",    "hypatia", "johnson",  "kepler",   "knuth",   "lamarr",   "lovelace",
    "maxwell",  "meitner",   "newton",  "noether",  "pasteur",  "planck",  "ritchie",  "shannon",
    "tesla",    "thompson",  "turing",  "volta",    "wilson",   "wu",      "yalow",    "zuse"};

} // namespace

std::string randomName(int retry)
{
    static thread_local std::mt19937_64 rng{std::random_device{}()};
    std::uniform_int_distribution<std::size_t> a(0, kAdjectives.size() - 1);
    std::uniform_int_distribution<std::size_t> n(0, kNames.size() - 1);
    std::string name = std::string(kAdjectives[a(rng)]) + "_" + std::string(kNames[n(rng)]);
    if (retry > 0)
        name += std::to_string(std::uniform_int_distribution<int>(0, 9)(rng));
    return name;
}

} // namespace strata::engine::container
