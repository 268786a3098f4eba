"""Following targets across reports: a year's goals, the outcomes the next year's report states, their status."""
