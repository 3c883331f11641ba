.process |
  {pid,
  exe: .executable.name