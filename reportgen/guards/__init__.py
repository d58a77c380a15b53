"""The guards every entry point shares: what a user names is read only if it is a regular file of a
bounded size, archives are opened within limits, and names that become file names fit the file system.

A leaf package: it imports nothing of reportgen but errors and limits, so any stage, command or
review step can use it (issue 20: "the guards `check` has apply at every entry point").
"""
