package org.rushreg.registration.organiser.events;

/**
 * One row of the event form's session table, as typed; a row left blank is ignored, a ticked {@code remove} drops it,
 * a ticked {@code cancelled} calls the session off (its people are told and lose their places, decision 0036).
 */
public class SessionRow {

    private String id = "";
    private String title = "";
    /** The title in Polish and English (decision 0045); blank: not given, {@code title} is shown. */
    private String titlePl = "";
    private String titleEn = "";
    /** The description in Polish and English (decision 0045); blank: not given. */
    private String descriptionPl = "";
    private String descriptionEn = "";
    private String startsAt = "";
    private String endsAt = "";
    private String capacity = "";
    private boolean remove;
    private boolean cancelled;

    boolean blank() {
        return id.isBlank() && title.isBlank() && titlePl.isBlank() && titleEn.isBlank() && descriptionPl.isBlank()
                && descriptionEn.isBlank() && startsAt.isBlank() && endsAt.isBlank() && capacity.isBlank();
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id == null ? "" : id.strip();
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title == null ? "" : title;
    }

    public String getTitlePl() {
        return titlePl;
    }

    public void setTitlePl(String titlePl) {
        this.titlePl = titlePl == null ? "" : titlePl;
    }

    public String getTitleEn() {
        return titleEn;
    }

    public void setTitleEn(String titleEn) {
        this.titleEn = titleEn == null ? "" : titleEn;
    }

    public String getDescriptionPl() {
        return descriptionPl;
    }

    public void setDescriptionPl(String descriptionPl) {
        this.descriptionPl = EventForm.lines(descriptionPl);
    }

    public String getDescriptionEn() {
        return descriptionEn;
    }

    public void setDescriptionEn(String descriptionEn) {
        this.descriptionEn = EventForm.lines(descriptionEn);
    }

    public String getStartsAt() {
        return startsAt;
    }

    public void setStartsAt(String startsAt) {
        this.startsAt = startsAt == null ? "" : startsAt.strip();
    }

    public String getEndsAt() {
        return endsAt;
    }

    public void setEndsAt(String endsAt) {
        this.endsAt = endsAt == null ? "" : endsAt.strip();
    }

    public String getCapacity() {
        return capacity;
    }

    public void setCapacity(String capacity) {
        this.capacity = capacity == null ? "" : capacity.strip();
    }

    public boolean isRemove() {
        return remove;
    }

    public void setRemove(boolean remove) {
        this.remove = remove;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    public void setCancelled(boolean cancelled) {
        this.cancelled = cancelled;
    }
}
