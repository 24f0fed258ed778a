from otter.test_files import test_case

OK_FORMAT = False

name = "q2_short_of_target"
points = 2

@test_case(points=None, hidden=False, 
    success_message="Self-test passed. Your instructor may run more tests, so compare your result with the task as well.")
def test_q2_shortfalls_are_numbers(env):
    from coursekit.checks import expect_number
    expect_number(env, 'short_kg', low=-5, high=5, hint='both figures are in US$ bn, so the difference is a few bn at most')
    expect_number(env, 'short_ru', low=-5, high=5, hint='both figures are in US$ bn, so the difference is a few bn at most')

