"""The process that forks the layout workers: started once, and a build
that cannot start it forks its workers itself."""

from multiprocessing import forkserver

from rubricgen.renderer import forking


def test_a_build_that_cannot_start_it_goes_on_without_it(monkeypatch):
    def refused() -> None:
        raise PermissionError("no temporary folder")

    monkeypatch.setattr(forking, "_started", False)
    monkeypatch.setattr(forkserver, "ensure_running", refused)
    monkeypatch.setattr(forking, "workers", lambda: 2)
    forking.start()
    assert not forking.started()


def test_it_is_started_once(monkeypatch):
    calls = []
    monkeypatch.setattr(forking, "_started", False)
    monkeypatch.setattr(forkserver, "ensure_running", lambda: calls.append(1))
    monkeypatch.setattr(forking, "workers", lambda: 2)
    forking.start()
    forking.start()
    assert forking.started() and calls == [1]


def test_one_core_needs_no_forking_process(monkeypatch):
    monkeypatch.setattr(forking, "_started", False)
    monkeypatch.setattr(forking, "workers", lambda: 1)
    forking.start()
    assert not forking.started()
