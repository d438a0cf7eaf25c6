// The source file of xj_test_pch (tests/CMakeLists.txt), which exists to build the precompiled
// header that every test target reuses. It defines nothing.
